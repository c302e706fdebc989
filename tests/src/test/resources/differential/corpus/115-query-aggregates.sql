CREATE TABLE t(g, v);
INSERT INTO t VALUES (1, 1), (1, 2.5), (1, 'x'), (2, NULL), (2, -0.0), (3, 9223372036854775807), (3, 1);
SELECT g, count(*), count(v), sum(v), total(v), avg(v), min(v), max(v), group_concat(v), group_concat(DISTINCT typeof(v)) FROM t GROUP BY g;
SELECT g, sum(v) FROM t GROUP BY g HAVING count(v) > 1;
SELECT count(DISTINCT g), sum(DISTINCT g), avg(DISTINCT v) FROM t;
SELECT group_concat(v, ' | ' ORDER BY v DESC), string_agg(g, '' ORDER BY g) FROM t;
SELECT max(v), g FROM t;
SELECT sum(x) FROM (SELECT 1 AS x WHERE 0);
