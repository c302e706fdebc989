-- Column affinity of declared type 'STRING' for every storage class and its edges.
CREATE TABLE v(id INTEGER PRIMARY KEY, x STRING);
INSERT INTO v(x) VALUES (NULL), (0), (-1), (9223372036854775807), (-9223372036854775808), (1.5), (-0.0), (1e308), (4.9e-324), (''), ('abc'), ('ÄÖ😀'), ('  12  '), ('1e3'), (x''), (x'00ff'), (CAST(x'ff' AS TEXT));
INSERT INTO v(x) VALUES ('12'), ('12.0'), ('0x10'), (' 7 '), ('9223372036854775808'), ('-9223372036854775809'), ('1e400'), ('3.0000000000000001'), ('Inf');
--! params -0.0 nan 9223372036854775807 'x' x'01'
INSERT INTO v(x) VALUES (?), (?), (?), (?), (?);
SELECT id, x, typeof(x), quote(x) FROM v ORDER BY id;
SELECT typeof(x), count(*) FROM v GROUP BY 1 ORDER BY 1;
--! serialize
