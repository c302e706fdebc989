SELECT printf('%.17g|%.15g|%.16g', 0.1, 0.1, 0.1), printf('%g', 100000), printf('%g', 1000000), printf('%.3g', 0.0001234);
SELECT printf('%f', 1e308), printf('%e', 4.9e-324), printf('%g', -0.0), printf('%.20e', 1.0 / 3), printf('%a', 1.0);
SELECT CAST(1e-5 AS TEXT), CAST(123456.789e3 AS TEXT), CAST(2e-7 AS TEXT), CAST(9.999999999999999e22 AS TEXT), CAST(1.0 AS TEXT);
