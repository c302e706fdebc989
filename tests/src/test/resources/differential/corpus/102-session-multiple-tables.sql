CREATE TABLE a(id INTEGER PRIMARY KEY, x);
CREATE TABLE b(id INTEGER PRIMARY KEY, y);
CREATE TABLE c(x);
--! session start a b c
INSERT INTO a VALUES (1, 'a');
INSERT INTO b VALUES (1, 'b');
INSERT INTO c VALUES ('no pk: not captured');
UPDATE a SET x = 'a2';
--! session changeset
DELETE FROM b;
--! session changeset
--! session invert
