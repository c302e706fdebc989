--! params x'00ff10' x'' zeroblob(4)
SELECT ?1, length(?1), hex(?1), typeof(?2), length(?2), ?3, length(?3), typeof(?3);
SELECT x'0102' || x'03', typeof(x'01' || x'02'), zeroblob(3), randomblob(0), length(randomblob(5)), x'41' = 'A';
SELECT substr(x'00112233', 2, 2), instr(x'00112233', x'22'), hex(zeroblob(2)), CAST(x'414243' AS TEXT), CAST('abc' AS BLOB);
CREATE TABLE t(b BLOB);
--! params x'deadbeef'
INSERT INTO t VALUES (?), (zeroblob(1000)), (x'');
SELECT length(b), hex(substr(b, 1, 4)), typeof(b) FROM t;
--! serialize
