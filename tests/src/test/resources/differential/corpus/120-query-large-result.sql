WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300)
SELECT i, i * i, i * 1.5, hex(i), printf('%08d', i), CAST(i AS BLOB) FROM s;
