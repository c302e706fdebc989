--! params 4.9e-324 real:0000000000000001 real:000fffffffffffff 2.2250738585072014e-308
SELECT ?1, ?2, ?3, ?4, ?1 / 2, ?3 * 2, CAST(?1 AS TEXT), printf('%.20e', ?3);
SELECT 4.9e-324, 2.4e-324, 1e-320 * 1e-10, CAST('4.9e-324' AS REAL), CAST('1e-400' AS REAL);
