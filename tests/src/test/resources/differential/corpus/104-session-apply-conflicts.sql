CREATE TABLE t(id INTEGER PRIMARY KEY, v UNIQUE);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
--! session start
UPDATE t SET v = 'a2' WHERE id = 1;
DELETE FROM t WHERE id = 2;
INSERT INTO t VALUES (3, 'c');
--! session changeset
--! session end
UPDATE t SET v = 'changed-meanwhile' WHERE id = 1;
INSERT INTO t VALUES (2, 'c-clash');
--! session invert
--! session apply
SELECT * FROM t ORDER BY id;
