CREATE TABLE kv(k PRIMARY KEY, v, n DEFAULT 0);
INSERT INTO kv VALUES ('a', 1, 0) ON CONFLICT(k) DO UPDATE SET v = excluded.v, n = n + 1;
INSERT INTO kv VALUES ('a', 2, 0) ON CONFLICT(k) DO UPDATE SET v = excluded.v, n = n + 1;
INSERT INTO kv VALUES ('a', 3, 0) ON CONFLICT DO NOTHING;
INSERT INTO kv VALUES ('b', 3, 0) ON CONFLICT(k) DO UPDATE SET v = v + excluded.v WHERE excluded.v > 10;
INSERT INTO kv VALUES ('b', 30, 0) ON CONFLICT(k) DO UPDATE SET v = v + excluded.v WHERE excluded.v > 10;
SELECT * FROM kv;
SELECT changes(), last_insert_rowid();
