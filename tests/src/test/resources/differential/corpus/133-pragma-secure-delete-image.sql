PRAGMA secure_delete = ON;
CREATE TABLE t(s);
INSERT INTO t VALUES ('secret-value-1'), ('secret-value-2');
DELETE FROM t WHERE rowid = 1;
--! serialize
PRAGMA secure_delete = OFF;
INSERT INTO t VALUES ('plain');
DELETE FROM t WHERE rowid = 3;
--! serialize
