PRAGMA foreign_keys = ON;
CREATE TABLE p(id INTEGER PRIMARY KEY, name);
CREATE TABLE c(id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p(id) ON DELETE CASCADE ON UPDATE CASCADE, v);
INSERT INTO p VALUES (1, 'a'), (2, 'b');
INSERT INTO c VALUES (10, 1, 'x'), (11, 1, 'y'), (12, 2, 'z');
DELETE FROM p WHERE id = 1;
SELECT * FROM c;
UPDATE p SET id = 20 WHERE id = 2;
SELECT * FROM c;
SELECT changes(), total_changes();
--! serialize
