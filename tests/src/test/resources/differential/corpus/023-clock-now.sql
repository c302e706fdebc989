--! time 2001-02-03T04:05:06.789Z
SELECT datetime('now'), date('now'), time('now'), julianday('now'), unixepoch('now'), strftime('%Y-%m-%d %H:%M:%f', 'now');
SELECT datetime('now', '+1 day', 'start of month'), strftime('%s', 'now'), strftime('%J', 'now'), unixepoch('now', 'subsec');
SELECT current_date, current_time, current_timestamp;
