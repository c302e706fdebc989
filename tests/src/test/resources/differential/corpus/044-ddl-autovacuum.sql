PRAGMA auto_vacuum = FULL;
CREATE TABLE t(a);
INSERT INTO t SELECT randomblob(1000) FROM (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 50) SELECT value FROM s);
DELETE FROM t WHERE rowid > 10;
PRAGMA freelist_count;
PRAGMA page_count;
--! serialize
PRAGMA auto_vacuum = INCREMENTAL;
VACUUM;
INSERT INTO t SELECT randomblob(1000) FROM (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 20) SELECT value FROM s);
DELETE FROM t;
PRAGMA incremental_vacuum(5);
PRAGMA freelist_count;
