-- Smoke: storage classes, randomness, the clock, errors.
--! seed 42
SELECT random(), randomblob(8), datetime('now'), -0.0, 1e308*10, x'00ff', 'a'||char(0)||'b', 9223372036854775807;
CREATE TABLE t(a INTEGER PRIMARY KEY, b);
--! params u'a\0b' -9223372036854775808 -0.0
INSERT INTO t(b) VALUES (?), (?), (?) RETURNING *;
INSERT INTO t VALUES (1, 2);
SELEC 1;
--! serialize
SELECT reverse('abc'), stdev(b) FROM t;
