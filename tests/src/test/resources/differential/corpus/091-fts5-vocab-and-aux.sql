--! binary fts5
CREATE VIRTUAL TABLE f USING fts5(x);
INSERT INTO f VALUES ('one two two three three three'), ('two four');
CREATE VIRTUAL TABLE v USING fts5vocab(f, row);
CREATE VIRTUAL TABLE vi USING fts5vocab(f, instance);
SELECT * FROM v ORDER BY term;
SELECT * FROM vi ORDER BY term, doc, offset;
DELETE FROM f WHERE rowid = 1;
SELECT * FROM v ORDER BY term;
INSERT INTO f(f) VALUES ('optimize');
--! serialize
