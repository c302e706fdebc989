SELECT length('héllo'), octet_length('héllo'), upper('héllo'), lower('HÉLLO'), substr('héllo', 2, 3), substring('hello', -3), substr('hello', 0, 2);
SELECT replace('aaa', 'a', 'bb'), replace('abc', '', 'x'), instr('hello', 'l'), instr('hello', ''), trim('xxhixx', 'x'), ltrim('  a'), rtrim('a  ');
SELECT hex('abc'), unhex('616263'), unhex('6x'), unhex('61 62', ' '), quote('a''b'), quote(x'00ff'), quote(1.5), quote(NULL);
SELECT char(72, 105), unicode('Hi'), concat('a', NULL, 1, 2.5), concat_ws('-', 'a', NULL, 'b'), soundex('Robert'), likelihood(1, 0.5);
