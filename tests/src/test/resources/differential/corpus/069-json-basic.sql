SELECT json('{"a":1, "b":[1,2,3]}'), json_valid('{"a":}'), json_valid('[1]'), json_type('{"a":1.5}', '$.a'), json_array_length('[1,2,[3]]');
SELECT json_extract('{"a":{"b":[10,20]}}', '$.a.b[1]'), json_extract('{"a":1}', '$.x'), '{"a":[1,2]}' -> '$.a', '{"a":[1,2]}' ->> '$.a[0]', '{"a":"x"}' ->> 'a';
SELECT json_object('a', 1, 'b', 2.5, 'c', 'x', 'd', NULL, 'e', json('[1]')), json_array(1, 'two', NULL, 3.5, x'00' IS NULL);
SELECT json_insert('{"a":1}', '$.b', 2), json_replace('{"a":1}', '$.a', 'x'), json_set('{"a":1}', '$.c[#]', 5), json_remove('[1,2,3]', '$[1]'), json_patch('{"a":1,"b":2}', '{"b":null,"c":3}');
SELECT json_quote('a"b'), json_quote(1.5), json_quote(NULL), json('  [1,  2] '), json_pretty('{"a":[1,2]}');
