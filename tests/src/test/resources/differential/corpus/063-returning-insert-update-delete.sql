CREATE TABLE t(id INTEGER PRIMARY KEY, v, w AS (v * 2));
INSERT INTO t(v) VALUES (1), (2), (3) RETURNING id, v, w, typeof(w);
UPDATE t SET v = v * 10 WHERE id > 1 RETURNING id, v AS new_v, w;
DELETE FROM t WHERE id = 2 RETURNING *, 'deleted';
INSERT INTO t(v) VALUES (4) ON CONFLICT DO NOTHING RETURNING rowid, *;
INSERT INTO t(id, v) VALUES (1, 5) ON CONFLICT(id) DO UPDATE SET v = excluded.v + 100 RETURNING *;
SELECT changes(), last_insert_rowid();
