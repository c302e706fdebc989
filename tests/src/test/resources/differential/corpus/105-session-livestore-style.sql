CREATE TABLE todos(id TEXT PRIMARY KEY, text TEXT NOT NULL DEFAULT '', completed INTEGER NOT NULL DEFAULT 0, deletedAt INTEGER) STRICT;
--! session start
--! params 't1' 'buy milk'
INSERT INTO todos(id, text) VALUES (?, ?);
--! session changeset
--! session end
--! session start
UPDATE todos SET completed = 1 WHERE id = 't1';
--! session changeset
--! session invert
--! session apply
SELECT * FROM todos;
--! serialize
