CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT, r REAL);
INSERT INTO t VALUES (1, 'a', 1.5), (2, 'b', -0.0);
--! session start
INSERT INTO t VALUES (3, 'c', 3.25);
UPDATE t SET v = 'B' WHERE id = 2;
DELETE FROM t WHERE id = 1;
--! session changeset
--! session invert
--! session end
--! serialize
