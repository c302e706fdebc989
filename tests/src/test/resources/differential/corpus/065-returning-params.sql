CREATE TABLE t(a, b);
--! params 1 'x' -0.0 x'00'
INSERT INTO t VALUES (?, ?), (?, ?) RETURNING a, typeof(a), b, typeof(b);
--! params :lim=1
DELETE FROM t WHERE rowid = :lim RETURNING *;
