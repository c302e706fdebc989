CREATE TABLE t(id INTEGER PRIMARY KEY, v);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
--! session start t
INSERT INTO t VALUES (3, 'three');
UPDATE t SET v = 'TWO' WHERE id = 2;
DELETE FROM t WHERE id = 1;
--! session changeset
--! session invert
--! session apply
SELECT * FROM t ORDER BY id;
--! serialize
