-- <> between values of every storage class.
CREATE TABLE v(x);
INSERT INTO v VALUES (NULL), (0), (-1), (9223372036854775807), (-9223372036854775808), (1.5), (-0.0), (1e308), (4.9e-324), (''), ('abc'), ('ÄÖ😀'), ('  12  '), ('1e3'), (x''), (x'00ff'), (CAST(x'ff' AS TEXT));
SELECT a.rowid, b.rowid, a.x <> b.x FROM v a, v b ORDER BY 1, 2;
