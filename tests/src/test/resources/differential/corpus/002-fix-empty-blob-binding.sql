-- Found by the harness: the JS API's bind_blob binds an empty Uint8Array as NULL (it copies into
-- sqlite3_malloc(0), which is NULL). The binary and the JVM keep it an empty blob; the Node runner
-- binds empty blobs with a non-NULL pointer so that the binary is what is compared.
CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB NOT NULL);
--! params x''
INSERT INTO t(b) VALUES (?) RETURNING id, typeof(b), length(b), quote(b);
--! params x'' x''
SELECT ? IS NULL, typeof(?);
--! params x''
INSERT INTO t(id, b) VALUES (?, 1);
--! serialize
