PRAGMA page_size = 8192;
CREATE TABLE t(a, b);
INSERT INTO t SELECT value, printf('%.*c', value % 300, 'z') FROM (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 300) SELECT value FROM s);
PRAGMA page_size;
PRAGMA page_count;
--! serialize
DELETE FROM t WHERE a % 2 = 0;
VACUUM;
--! serialize
PRAGMA page_size = 1024;
VACUUM;
PRAGMA page_size;
