CREATE TABLE t(id INTEGER PRIMARY KEY, v);
INSERT INTO t VALUES (1, 'x');
--! session start
UPDATE t SET v = 'x';
BEGIN;
INSERT INTO t VALUES (2, 'y');
ROLLBACK;
INSERT INTO t VALUES (3, 'z');
DELETE FROM t WHERE id = 3;
--! session changeset
--! session invert
