CREATE TABLE t(i INTEGER, t TEXT, x);
INSERT INTO t VALUES (1, '1', 1), (2, '02', '2'), (10, '10', 10.0);
SELECT i = '1', t = 1, x = '1', i < '10', t < 2, t < '2', x > '2' FROM t;
SELECT count(*) FROM t WHERE t = 1;
SELECT count(*) FROM t WHERE i IN ('1', '2');
SELECT 1 < 'a', 'a' < x'00', NULL < 1, 2 = 2.0, '2' = 2, x'61' = 'a';
