--! seed -7
SELECT random(), hex(randomblob(32));
WITH RECURSIVE r(i, v) AS (SELECT 1, random() UNION ALL SELECT i + 1, random() FROM r WHERE i < 10) SELECT i, v FROM r;
