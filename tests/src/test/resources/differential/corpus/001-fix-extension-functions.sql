-- Found by the harness: the web adapter's open_v2 calls RegisterExtensionFunctions on every
-- connection; the engine did not, so these functions were missing on the JVM. Fixed in
-- SqliteRuntime.open.
SELECT reverse('abc'), padl('x', 4), padr('x', 3) || '|', padc('ab', 6) || '|', replicate('ab', 3);
SELECT charindex('b', 'abcb'), charindex('b', 'abcb', 3), leftstr('hello', 2), rightstr('hello', 3), proper('hello wORLD');
SELECT strfilter('abcdef', 'bdf'), difference('Robert', 'Rupert'), square(3), sign(-2.5), pi();
CREATE TABLE t(x);
INSERT INTO t VALUES (1), (2), (2), (3), (10);
SELECT stdev(x), variance(x), mode(x), median(x), lower_quartile(x), upper_quartile(x) FROM t;
SELECT cot(1), coth(1), acosh(2), degrees(pi()), radians(180), log(100), log10(1000), exp(1), power(2, 10);
