-- The main database in a file of each side's default VFS (Java MemoryVfs through the relay on the
-- JVM, Emscripten's unix VFS on MEMFS under Node): journals, locks, rollback, vacuum.
--! storage file
--! interpreted
PRAGMA journal_mode;
CREATE TABLE t(id INTEGER PRIMARY KEY, b);
INSERT INTO t(b) SELECT randomblob(500) FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100) SELECT i FROM s);
--! serialize
BEGIN;
DELETE FROM t WHERE id % 2 = 0;
ROLLBACK;
--! serialize
PRAGMA journal_mode = TRUNCATE;
UPDATE t SET b = zeroblob(100) WHERE id < 10;
PRAGMA journal_mode = PERSIST;
DELETE FROM t WHERE id > 90;
VACUUM;
PRAGMA page_count;
PRAGMA integrity_check;
--! serialize
