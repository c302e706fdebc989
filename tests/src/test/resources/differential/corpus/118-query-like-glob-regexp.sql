SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'ABC' LIKE 'abc', 'a%c' LIKE 'a\%c' ESCAPE '\', 'ü' LIKE 'Ü';
SELECT 'abc' GLOB '*b*', 'abc' GLOB '?b?', 'a1' GLOB 'a[0-9]', 'aX' GLOB 'a[^0-9]', '[' GLOB '[[]';
SELECT 'abc' REGEXP 'b';
SELECT x'616263' LIKE 'abc', 123 LIKE '1%', NULL LIKE 'a';
PRAGMA case_sensitive_like = ON;
SELECT 'ABC' LIKE 'abc';
