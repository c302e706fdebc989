CREATE TABLE t(a INTEGER, b TEXT, v AS (a * 2), s TEXT AS (upper(b)) STORED, j AS (json_object('a', a, 'b', b)));
INSERT INTO t(a, b) VALUES (1, 'x'), (2, 'y'), (NULL, NULL);
SELECT * FROM t;
INSERT INTO t(a, b, v) VALUES (1, 'x', 3);
UPDATE t SET a = a + 10 RETURNING a, v, s;
CREATE INDEX tv ON t(v);
SELECT a FROM t WHERE v = 24;
PRAGMA table_xinfo(t);
--! serialize
