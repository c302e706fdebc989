CREATE TABLE t(x);
SELECT row_number() FROM t;
SELECT x FROM t WHERE row_number() OVER () > 1;
SELECT ntile(0) OVER () FROM (SELECT 1);
SELECT nth_value(x, 0) OVER () FROM (SELECT 1 AS x);
SELECT sum(x) OVER nope FROM t;
SELECT lag(x, -1) OVER (ORDER BY x) FROM (SELECT 1 AS x UNION SELECT 2);
