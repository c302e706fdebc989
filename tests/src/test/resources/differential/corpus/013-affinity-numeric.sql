CREATE TABLE t(n NUMERIC, i INTEGER, r REAL, t TEXT, b BLOB, x);
INSERT INTO t VALUES ('12', '12', '12', 12, 12, '12');
INSERT INTO t VALUES ('12.0', '12.0', '12.5', 12.0, '12', 12.0);
INSERT INTO t VALUES ('1e3', ' 7 ', '0x10', -0.0, x'31', '1e3');
INSERT INTO t VALUES ('9223372036854775808', '9223372036854775807', 'abc', 1e100, NULL, 9223372036854775808);
INSERT INTO t VALUES ('3.0000000000000001', '1.5e1', '', 'x', 2.5, x'00');
SELECT n, typeof(n), i, typeof(i), r, typeof(r), t, typeof(t), b, typeof(b), x, typeof(x) FROM t;
--! serialize
