SELECT -0.0, 0.0, -0.0 = 0.0, typeof(-0.0), CAST(-0.0 AS TEXT), printf('%f', -0.0), quote(-0.0);
--! params -0.0 real:8000000000000000
SELECT ?, ?2, ?1 * 1, 1 / ?1, -(0.0), 0.0 * -1;
CREATE TABLE t(r REAL, a ANY, i INTEGER, n NUMERIC, x);
--! params -0.0 -0.0 -0.0 -0.0 -0.0
INSERT INTO t VALUES (?, ?, ?, ?, ?);
SELECT r, a, i, n, x, typeof(r), typeof(i), typeof(n) FROM t;
--! serialize
