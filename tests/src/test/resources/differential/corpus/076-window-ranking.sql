CREATE TABLE t(g, v);
INSERT INTO t VALUES (1, 10), (1, 20), (1, 20), (2, 5), (2, NULL), (3, 1);
SELECT g, v, row_number() OVER w, rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w, ntile(2) OVER w FROM t WINDOW w AS (PARTITION BY g ORDER BY v) ORDER BY g, v;
