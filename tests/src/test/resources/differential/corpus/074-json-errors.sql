SELECT json('{"a":');
SELECT json_extract('{"a":1}', 'a');
SELECT json_extract('{"a":1}', '$.a[');
SELECT json_object('a');
SELECT json_object(1, 2);
SELECT json_array_length('{"a":1}'), json_array_length('[]'), json_error_position('[1,2,}'), json_error_position('[1]');
