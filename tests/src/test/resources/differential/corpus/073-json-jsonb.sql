SELECT hex(jsonb('{"a":1,"b":[true,false,null]}')), json(jsonb('{"a":1}')), jsonb_extract(jsonb('{"a":[1,2]}'), '$.a'), typeof(jsonb('1'));
SELECT json_valid(jsonb('{"a":1}'), 8), json_valid('{"a":1}', 8), json(x'00'), json_type(jsonb('[1]'));
SELECT hex(jsonb_array(1, 'x', NULL)), hex(jsonb_object('k', 2.5)), json(jsonb_set(jsonb('{}'), '$.x', 1));
