ATTACH ':memory:' AS a1;
ATTACH ':memory:' AS a1;
ATTACH 'file:x?mode=memory' AS a2;
CREATE TABLE a2.t(v);
INSERT INTO a2.t VALUES (1);
SELECT * FROM a2.t;
DETACH main;
DETACH nope;
