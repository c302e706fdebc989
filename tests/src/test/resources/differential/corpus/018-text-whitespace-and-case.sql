SELECT trim('  a  '), ltrim('xxaxx', 'x'), rtrim('xxaxx', 'x'), trim(char(9) || 'a' || char(10)), upper('straße'), lower('ÀÉÎ');
SELECT 'abc' LIKE 'ABC', 'ÀBC' LIKE 'àbc', 'abc' GLOB 'a*', 'abc' GLOB 'A*', 'a_c' LIKE 'a\_c' ESCAPE '\';
SELECT like('a%', 'abc'), glob('[a-c]*', 'b'), 'x' LIKE NULL, length(''), '' IS NULL, '' = x'';
