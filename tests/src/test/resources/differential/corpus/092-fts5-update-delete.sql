--! binary fts5
CREATE VIRTUAL TABLE f USING fts5(t);
INSERT INTO f(rowid, t) VALUES (10, 'red green'), (20, 'green blue'), (30, 'blue red');
UPDATE f SET t = 'purple' WHERE rowid = 20;
DELETE FROM f WHERE f MATCH 'red AND blue';
SELECT rowid, t FROM f;
SELECT rowid FROM f WHERE f MATCH 'green OR purple' ORDER BY rowid DESC;
INSERT INTO f(rowid, t) VALUES (10, 'dup');
SELECT changes(), last_insert_rowid();
--! serialize
