PRAGMA foreign_keys = ON;
CREATE TABLE node(id INTEGER PRIMARY KEY, parent REFERENCES node(id) ON DELETE CASCADE, name);
INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 2, 'b'), (4, 3, 'c'), (5, 1, 'd');
WITH RECURSIVE sub(id, depth) AS (SELECT 2, 0 UNION ALL SELECT node.id, depth + 1 FROM node JOIN sub ON node.parent = sub.id) SELECT * FROM sub;
DELETE FROM node WHERE id = 2;
SELECT * FROM node;
INSERT INTO node VALUES (6, 42, 'orphan');
