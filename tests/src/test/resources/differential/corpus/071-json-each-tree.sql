SELECT key, value, type, atom, id, parent, fullkey, path FROM json_each('{"a":1,"b":[2,3],"c":{"d":null}}');
SELECT key, value, type, fullkey FROM json_tree('{"a":[1,{"b":2}],"c":"x"}');
SELECT value FROM json_each('[3,1,2]') ORDER BY value;
SELECT sum(value) FROM json_each('[1, 2.5, "3", null]');
SELECT * FROM json_each('not json');
