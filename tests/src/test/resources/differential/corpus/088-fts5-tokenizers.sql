--! binary fts5
CREATE VIRTUAL TABLE u USING fts5(x, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE p USING fts5(x, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram');
CREATE VIRTUAL TABLE a USING fts5(x, tokenize = 'ascii');
INSERT INTO u VALUES ('Crème brûlée à Zürich'), ('naïve café');
INSERT INTO p VALUES ('running runners ran'), ('connection connected');
INSERT INTO t VALUES ('abcdefgh'), ('Straße');
INSERT INTO a VALUES ('Crème brûlée');
SELECT x FROM u WHERE u MATCH 'creme';
SELECT x FROM u WHERE u MATCH 'zurich OR cafe';
SELECT x FROM p WHERE p MATCH 'run';
SELECT x FROM p WHERE p MATCH 'connect';
SELECT x FROM t WHERE t MATCH 'cde';
SELECT x FROM t WHERE x LIKE '%raß%';
SELECT x FROM a WHERE a MATCH 'crème';
