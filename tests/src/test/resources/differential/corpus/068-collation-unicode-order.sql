CREATE TABLE t(s TEXT);
INSERT INTO t VALUES ('z'), ('ä'), ('a'), ('Z'), ('😀'), (''), ('ß'), ('ss'), (CAST(x'ff' AS TEXT)), ('é'), ('e' || char(769));
SELECT s, hex(s) FROM t ORDER BY s;
SELECT s FROM t ORDER BY s COLLATE NOCASE, s;
SELECT s FROM t ORDER BY s COLLATE RTRIM DESC;
