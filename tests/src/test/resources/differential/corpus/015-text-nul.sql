--! params u'a\0b' u'\0' u'x\0\0y'
SELECT ?1, length(?1), hex(?1), ?2, length(?2), hex(?3), typeof(?1), ?1 = 'a';
CREATE TABLE t(s TEXT);
--! params u'a\0b'
INSERT INTO t VALUES (?);
SELECT s, length(s), hex(s), s || 'c', instr(s, 'b'), replace(s, char(0), '-'), upper(s) FROM t;
SELECT 'a' || char(0) || 'b', length(char(0)), hex(char(0, 65)), CAST(x'610062' AS TEXT) = 'a' || char(0) || 'b';
--! serialize
