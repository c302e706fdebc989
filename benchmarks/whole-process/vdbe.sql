CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, n INTEGER);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000)
INSERT INTO t SELECT x, 'name-' || x, x % 97 FROM c;
SELECT count(*) FROM t WHERE name LIKE '%7%';
SELECT count(*) FROM t WHERE name LIKE '%7%';
SELECT count(*) FROM t WHERE name LIKE '%7%';
SELECT count(*) FROM t WHERE name LIKE '%7%';
SELECT count(*) FROM t WHERE name LIKE '%7%';
UPDATE t SET n = n + 1 WHERE id % 10 = 0;
SELECT n, count(*), sum(id) FROM t GROUP BY n ORDER BY n LIMIT 3;
