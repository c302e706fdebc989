SELECT printf('%d|%5d|%-5d|%05d|%+d|% d', 42, 42, 42, 42, 42, 42);
SELECT printf('%f|%.2f|%10.3f|%e|%E|%g|%G', 3.14159, 3.14159, 3.14159, 31415.9, 0.000314, 1e-10, 1e20);
SELECT printf('%s|%10s|%-10s|%.2s|%q|%Q|%w', 'abc', 'abc', 'abc', 'abc', 'it''s', 'it''s', 'a"b');
SELECT printf('%x|%X|%o|%c|%%|%z', 255, 255, 8, 'xyz', 'z');
SELECT printf('%lld|%llx|%,d|%!.3f|%#x', 9223372036854775807, -1, 1234567, 0.1, 255);
SELECT printf('%.50f', 0.1), printf('%.0f', 2.5), printf('%.0f', 3.5), printf('%d', 1e20), printf('%d', '12abc');
SELECT format('%s-%s', NULL, 1), printf(), printf(NULL), printf('%s'), printf('%5.2z', 'abc');
