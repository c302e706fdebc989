SELECT count(*) > 100 FROM pragma_function_list;
SELECT name, builtin, type, narg FROM pragma_function_list WHERE name IN ('reverse', 'stdev', 'json_extract', 'tables_used', 'unixepoch', 'percentile') ORDER BY name, narg;
SELECT name FROM pragma_module_list ORDER BY name;
SELECT * FROM pragma_pragma_list WHERE name LIKE 'foreign%' ORDER BY name;
