--! binary fts5
CREATE VIRTUAL TABLE f USING fts5(a, b);
INSERT INTO f VALUES ('x y', 'z');
SELECT * FROM f WHERE f MATCH 'c:x';
SELECT * FROM f WHERE f MATCH '"unterminated';
SELECT * FROM f WHERE f MATCH 'AND';
CREATE VIRTUAL TABLE g USING fts5(a, tokenize = 'nope');
CREATE VIRTUAL TABLE h USING fts5();
INSERT INTO f(f) VALUES ('integrity-check');
INSERT INTO f(f, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
SELECT a, bm25(f) FROM f WHERE f MATCH 'x' ORDER BY rank;
