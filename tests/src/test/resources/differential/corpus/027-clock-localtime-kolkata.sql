--! zone Asia/Kolkata
--! time 1999-12-31T18:29:59.999Z
SELECT datetime('now'), datetime('now', 'localtime'), strftime('%Y-%m-%d %H:%M:%f', 'now', 'localtime'), time('now', 'localtime', '+1 second');
