CREATE TEMP TABLE tt(a);
INSERT INTO tt VALUES (1), (2);
ATTACH ':memory:' AS aux;
CREATE TABLE aux.t(a, b);
INSERT INTO aux.t SELECT a, a * 2 FROM tt;
CREATE TABLE main.t(x);
INSERT INTO main.t VALUES ('main');
SELECT * FROM t;
SELECT * FROM aux.t;
PRAGMA database_list;
--! serialize
DETACH aux;
SELECT * FROM aux.t;
