-- integer-cast over every storage class and its edges, literal and bound.
CREATE TABLE v(id INTEGER PRIMARY KEY, x);
INSERT INTO v(x) VALUES (NULL), (0), (-1), (9223372036854775807), (-9223372036854775808), (1.5), (-0.0), (1e308), (4.9e-324), (''), ('abc'), ('ÄÖ😀'), ('  12  '), ('1e3'), (x''), (x'00ff'), (CAST(x'ff' AS TEXT));
SELECT id, quote(x), CAST(x AS INTEGER) FROM v ORDER BY id;
--! params nan inf -inf real:8000000000000000 u'a\0b' x'' zeroblob(2) 9007199254740993
SELECT CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), CAST(?3 AS INTEGER), CAST(?4 AS INTEGER), CAST(?5 AS INTEGER), CAST(?6 AS INTEGER), CAST(?7 AS INTEGER), CAST(?8 AS INTEGER);
