--! params nan real:7ff8000000000001 real:fff8000000000000
SELECT ?1, ?2, ?3, typeof(?1), ?1 IS NULL;
SELECT 1e999 - 1e999, typeof(1e999 - 1e999), 0.0 / 0, sqrt(-1), ln(-1), acos(2);
CREATE TABLE t(r REAL);
--! params nan
INSERT INTO t VALUES (?);
SELECT r, typeof(r) FROM t;
