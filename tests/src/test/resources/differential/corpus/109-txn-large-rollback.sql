CREATE TABLE t(id INTEGER PRIMARY KEY, b);
INSERT INTO t(b) SELECT randomblob(300) FROM (WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 200) SELECT value FROM s);
--! serialize
BEGIN;
DELETE FROM t WHERE id % 3 = 0;
UPDATE t SET b = zeroblob(500) WHERE id % 3 = 1;
INSERT INTO t(b) SELECT b FROM t WHERE id < 50;
ROLLBACK;
--! serialize
SELECT count(*), sum(length(b)) FROM t;
