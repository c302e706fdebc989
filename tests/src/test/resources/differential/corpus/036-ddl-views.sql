CREATE TABLE t(a, b);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
CREATE VIEW v(x, y) AS SELECT a * 10, upper(b) FROM t WHERE a > 1;
SELECT * FROM v;
INSERT INTO v VALUES (1, 2);
CREATE TEMP VIEW tv AS SELECT count(*) AS n FROM t;
SELECT * FROM tv;
CREATE VIEW bad AS SELECT nope FROM t;
SELECT * FROM bad;
DROP VIEW v;
SELECT type, name FROM sqlite_schema;
--! serialize
