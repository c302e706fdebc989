-- File storage with temp files (TEMP_STORE=1: temp tables and sort spills go through the VFS).
-- (No PRAGMA database_list here: the full path names differ by VFS, "/tmp/x.db" against "x.db".)
--! storage file
PRAGMA temp_store;
CREATE TEMP TABLE tt(x);
INSERT INTO tt SELECT randomblob(200) FROM (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) SELECT i FROM s);
CREATE TABLE t AS SELECT x, length(x) AS n FROM tt;
SELECT count(*), sum(n) FROM t;
SELECT hex(substr(x, 1, 4)) FROM tt ORDER BY x LIMIT 5;
--! serialize
-- WAL only after EXCLUSIVE locking: the JVM's relayed VFS has no xShm methods by design (DESIGN.md),
-- so a shared-memory WAL is refused there ("delete") while Emscripten's unix VFS grants it.
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA journal_mode = WAL;
INSERT INTO t VALUES (x'01', 1);
--! serialize
