--! seed 12345
SELECT random(), random(), hex(randomblob(16)), abs(random() % 100);
CREATE TABLE t(x);
INSERT INTO t SELECT random() FROM (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 5) SELECT value FROM s);
SELECT count(DISTINCT x) FROM t;
