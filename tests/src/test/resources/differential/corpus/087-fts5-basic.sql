--! binary fts5
--! interpreted
CREATE VIRTUAL TABLE docs USING fts5(title, body);
INSERT INTO docs VALUES ('SQLite', 'SQLite is a small fast database engine'), ('Java', 'The JVM runs bytecode fast'), ('Wasm', 'WebAssembly runs SQLite in the browser and the JVM');
SELECT rowid, title FROM docs WHERE docs MATCH 'sqlite' ORDER BY rank;
SELECT title, highlight(docs, 1, '[', ']'), snippet(docs, 1, '<', '>', '...', 3), bm25(docs) FROM docs WHERE docs MATCH 'jvm OR fast' ORDER BY rank;
SELECT count(*) FROM docs WHERE docs MATCH 'title:java';
SELECT title FROM docs WHERE docs MATCH '"runs sqlite"';
SELECT title FROM docs WHERE docs MATCH 'brow*';
SELECT title FROM docs WHERE docs MATCH 'NEAR(sqlite browser, 5)';
--! serialize
