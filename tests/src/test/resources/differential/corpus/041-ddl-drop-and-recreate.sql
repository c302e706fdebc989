CREATE TABLE t(a);
INSERT INTO t SELECT value FROM (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 500) SELECT value FROM s);
--! serialize
DROP TABLE t;
--! serialize
PRAGMA freelist_count;
VACUUM;
PRAGMA page_count;
CREATE TABLE t(b);
DROP TABLE IF EXISTS nope;
DROP TABLE nope;
