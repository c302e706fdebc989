SELECT date('2024-02-29', '+1 year'), date('2024-01-31', '+1 month'), date('2024-01-31', '+1 month', 'floor'), date('2024-01-31', '+1 month', 'ceiling');
SELECT datetime(0, 'unixepoch'), datetime(1e10, 'unixepoch'), datetime(-1, 'unixepoch'), datetime(2460000.5), datetime(2460000.5, 'julianday');
SELECT julianday('2000-01-01 12:00'), strftime('%W %U %V %G %g %u %k %l %p %P %e', '2024-12-30 13:05:00'), timediff('2024-03-01', '2024-02-01');
SELECT date('now', 'weekday 0'), date('2024-05-05', 'weekday 0'), date('2024-05-06', 'weekday 0'), datetime('2024-05-06 10:00', 'start of day', '-1 minute');
SELECT datetime('2024-02-29 23:59:60.5'), datetime('24:00'), date('2024-13-01'), date('garbage'), datetime('2024-02-30'), time('12:34:56.789123');
SELECT unixepoch('2038-01-19 03:14:08'), unixepoch('1901-12-13 20:45:52'), datetime(253402300799, 'unixepoch'), datetime(253402300800, 'unixepoch');
