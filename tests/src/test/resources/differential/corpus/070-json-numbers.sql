SELECT json('1e999'), json('-0'), json('-0.0'), json('0.1'), json('123456789012345678901234567890'), json('9223372036854775808');
SELECT json_extract('[1e999]', '$[0]'), json_extract('[-0.0]', '$[0]'), typeof(json_extract('[9223372036854775807]', '$[0]')), json_extract('[9223372036854775808]', '$[0]');
SELECT json_array(1e308 * 10, -0.0, 0.1 + 0.2, 9223372036854775807), json_object('nan', 0.0 / 0);
SELECT json('{"a":0x10}'), json('{a:1}'), json('[1,]'), json5_valid('{a:1}');
