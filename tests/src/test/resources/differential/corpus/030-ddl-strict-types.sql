CREATE TABLE t(i INTEGER, r REAL, x TEXT, b BLOB, a ANY, n INT) STRICT;
INSERT INTO t VALUES (1, 1.5, 'x', x'00', 'any', 2);
INSERT INTO t VALUES ('1', '1.5', 1, NULL, 1.0, '3');
INSERT INTO t VALUES ('abc', 1, 1, 1, 1, 1);
INSERT INTO t VALUES (1, 'abc', 1, 1, 1, 1);
INSERT INTO t VALUES (1, 1, 1, 'text', 1, 1);
INSERT INTO t(i) VALUES (1.5);
INSERT INTO t(i) VALUES (2.0);
SELECT i, typeof(i), r, typeof(r), x, typeof(x), b, typeof(b), a, typeof(a), n, typeof(n) FROM t;
CREATE TABLE bad(x FOO) STRICT;
--! serialize
