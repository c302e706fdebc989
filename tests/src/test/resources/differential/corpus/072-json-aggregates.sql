CREATE TABLE t(g, k, v);
INSERT INTO t VALUES (1, 'a', 1), (1, 'b', 'x'), (2, 'c', NULL), (2, 'd', 2.5), (2, 'a', json('[1]'));
SELECT g, json_group_array(v), json_group_object(k, v) FROM t GROUP BY g;
SELECT json_group_array(v ORDER BY v DESC) FROM t;
SELECT json_group_object(k, v) FROM t;
