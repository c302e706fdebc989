CREATE TABLE t(a, b, c);
CREATE INDEX ta ON t(a);
CREATE UNIQUE INDEX tbc ON t(b, c);
CREATE INDEX tpart ON t(c) WHERE c > 10;
CREATE INDEX texpr ON t(lower(b), a DESC);
INSERT INTO t VALUES (1, 'X', 1), (2, 'x', 1), (3, 'X', 1);
INSERT INTO t VALUES (4, NULL, 1), (5, NULL, 1);
SELECT * FROM t WHERE lower(b) = 'x' ORDER BY a DESC;
SELECT name, sql FROM sqlite_schema ORDER BY name;
DROP INDEX ta;
DROP INDEX ta;
REINDEX;
PRAGMA index_list(t);
PRAGMA integrity_check;
--! serialize
