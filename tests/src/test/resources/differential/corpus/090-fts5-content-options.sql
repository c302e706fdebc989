--! binary fts5
CREATE TABLE src(id INTEGER PRIMARY KEY, body);
INSERT INTO src VALUES (1, 'alpha beta'), (2, 'beta gamma'), (3, 'gamma delta');
CREATE VIRTUAL TABLE ext USING fts5(body, content = 'src', content_rowid = 'id');
INSERT INTO ext(ext) VALUES ('rebuild');
SELECT rowid, body FROM ext WHERE ext MATCH 'beta';
CREATE VIRTUAL TABLE cl USING fts5(body, content = '');
INSERT INTO cl(rowid, body) VALUES (1, 'hidden text');
SELECT rowid, body FROM cl WHERE cl MATCH 'hidden';
CREATE VIRTUAL TABLE det USING fts5(body, detail = 'column', prefix = '2 3', columnsize = 0);
INSERT INTO det VALUES ('prefix indexes help'), ('prefer predictable');
SELECT body FROM det WHERE det MATCH 'pre*';
--! serialize
