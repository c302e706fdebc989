CREATE TABLE t(d, v);
INSERT INTO t VALUES ('2024-01-01', 1.5), ('2024-01-02', -0.0), ('2024-01-03', NULL), ('2024-01-04', 4), ('2024-01-05', 'x');
SELECT d, v, lag(v) OVER w, lag(v, 2, 'none') OVER w, lead(v) OVER w, first_value(v) OVER w, last_value(v) OVER w, nth_value(v, 3) OVER w FROM t WINDOW w AS (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);
SELECT d, max(v) OVER (ORDER BY d), min(v) OVER (ORDER BY d DESC) FROM t;
