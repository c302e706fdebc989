CREATE TABLE t(k TEXT PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, n) WITHOUT ROWID;
--! session start
--! params 'k1' 9223372036854775807 -0.0 u'\U0001F600\0x' x'00ff' null
INSERT INTO t VALUES (?, ?, ?, ?, ?, ?);
--! params 'k2' -9223372036854775808 1e-320 '' x'' 1
INSERT INTO t VALUES (?, ?, ?, ?, ?, ?);
UPDATE t SET r = r * 2, n = 'changed' WHERE k = 'k2';
--! session changeset
--! session invert
