-- printf-s over every storage class and its edges, literal and bound.
CREATE TABLE v(id INTEGER PRIMARY KEY, x);
INSERT INTO v(x) VALUES (NULL), (0), (-1), (9223372036854775807), (-9223372036854775808), (1.5), (-0.0), (1e308), (4.9e-324), (''), ('abc'), ('ÄÖ😀'), ('  12  '), ('1e3'), (x''), (x'00ff'), (CAST(x'ff' AS TEXT));
SELECT id, quote(x), printf('%s', x) FROM v ORDER BY id;
--! params nan inf -inf real:8000000000000000 u'a\0b' x'' zeroblob(2) 9007199254740993
SELECT printf('%s', ?1), printf('%s', ?2), printf('%s', ?3), printf('%s', ?4), printf('%s', ?5), printf('%s', ?6), printf('%s', ?7), printf('%s', ?8);
