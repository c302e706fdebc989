SELECT CAST(x'ff' AS TEXT), length(CAST(x'ff' AS TEXT)), hex(CAST(x'c0af' AS TEXT)), length(CAST(x'eda080' AS TEXT));
SELECT CAST(x'f09f98' AS TEXT), length(CAST(x'f09f98' AS TEXT)), unicode(CAST(x'80' AS TEXT)), upper(CAST(x'ff61' AS TEXT));
SELECT substr(CAST(x'41ff42' AS TEXT), 2, 1), hex(substr(CAST(x'41ff42' AS TEXT), 2)), CAST(x'ff' AS TEXT) = CAST(x'ff' AS TEXT);
CREATE TABLE t(s TEXT);
INSERT INTO t VALUES (CAST(x'ff00fe' AS TEXT)), (CAST(x'eda080' AS TEXT));
SELECT s, typeof(s), length(s), hex(s) FROM t;
