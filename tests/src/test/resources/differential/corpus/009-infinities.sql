--! params inf -inf
SELECT ?1, ?2, ?1 > 1e308, typeof(?1), CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), quote(?1), printf('%f %e', ?1, ?2);
SELECT 1e308 * 10, -1e308 * 10, 9e999, CAST('inf' AS REAL), CAST('Infinity' AS REAL), CAST('1e400' AS REAL);
