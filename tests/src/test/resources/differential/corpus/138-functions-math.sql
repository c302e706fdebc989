SELECT abs(-5), abs(-5.5), abs('-3'), abs(NULL), abs('x'), sign(-3), sign(0), sign('a');
SELECT ceil(1.2), ceiling(-1.2), floor(-1.5), trunc(-1.5), round(-1.5), mod(7, 3), mod(-7, 3), mod(7.5, 2);
SELECT sqrt(2), exp(1), ln(10), log(2, 8), log2(8), log10(1000), pow(2, 0.5), power(-8, 1.0 / 3);
SELECT sin(1), cos(1), tan(1), asin(0.5), acos(0.5), atan(1), atan2(1, -1), sinh(1), cosh(1), tanh(1), asinh(1), atanh(0.5), degrees(1), radians(1), pi();
SELECT max(1, 2.5, '3'), min(1, 'a', x'00'), max(NULL, 1), min(1, NULL);
