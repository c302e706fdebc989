CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB);
INSERT INTO t(b) VALUES (zeroblob(5000)), (randomblob(9000)), (CAST(printf('%.*c', 20000, 'x') AS BLOB));
SELECT id, length(b), hex(substr(b, 4000, 4)) FROM t;
UPDATE t SET b = b || x'ff' WHERE id = 2;
SELECT id, length(b), hex(substr(b, -2)) FROM t;
--! serialize
DELETE FROM t WHERE id = 1;
