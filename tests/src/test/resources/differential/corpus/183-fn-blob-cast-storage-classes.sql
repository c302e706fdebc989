-- blob-cast over every storage class and its edges, literal and bound.
CREATE TABLE v(id INTEGER PRIMARY KEY, x);
INSERT INTO v(x) VALUES (NULL), (0), (-1), (9223372036854775807), (-9223372036854775808), (1.5), (-0.0), (1e308), (4.9e-324), (''), ('abc'), ('ÄÖ😀'), ('  12  '), ('1e3'), (x''), (x'00ff'), (CAST(x'ff' AS TEXT));
SELECT id, quote(x), hex(CAST(x AS BLOB)) FROM v ORDER BY id;
--! params nan inf -inf real:8000000000000000 u'a\0b' x'' zeroblob(2) 9007199254740993
SELECT hex(CAST(?1 AS BLOB)), hex(CAST(?2 AS BLOB)), hex(CAST(?3 AS BLOB)), hex(CAST(?4 AS BLOB)), hex(CAST(?5 AS BLOB)), hex(CAST(?6 AS BLOB)), hex(CAST(?7 AS BLOB)), hex(CAST(?8 AS BLOB));
