-- json-quote over every storage class and its edges, literal and bound.
CREATE TABLE v(id INTEGER PRIMARY KEY, x);
INSERT INTO v(x) VALUES (NULL), (0), (-1), (9223372036854775807), (-9223372036854775808), (1.5), (-0.0), (1e308), (4.9e-324), (''), ('abc'), ('ÄÖ😀'), ('  12  '), ('1e3'), (x''), (x'00ff'), (CAST(x'ff' AS TEXT));
SELECT id, quote(x), json_quote(x) FROM v ORDER BY id;
--! params nan inf -inf real:8000000000000000 u'a\0b' x'' zeroblob(2) 9007199254740993
SELECT json_quote(?1), json_quote(?2), json_quote(?3), json_quote(?4), json_quote(?5), json_quote(?6), json_quote(?7), json_quote(?8);
