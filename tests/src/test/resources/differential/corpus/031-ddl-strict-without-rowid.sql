CREATE TABLE kv(k TEXT PRIMARY KEY, v ANY) STRICT, WITHOUT ROWID;
INSERT INTO kv VALUES ('a', 1), ('b', 2.5), ('c', 'x'), ('d', x'01'), ('e', NULL);
INSERT INTO kv VALUES (NULL, 1);
INSERT INTO kv VALUES ('a', 2);
SELECT k, v, typeof(v) FROM kv ORDER BY k DESC;
UPDATE kv SET k = 'z' WHERE k = 'a' RETURNING *;
SELECT * FROM kv;
--! serialize
