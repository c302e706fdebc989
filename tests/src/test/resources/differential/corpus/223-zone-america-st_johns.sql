--! zone America/St_Johns
--! time 2023-12-31T23:59:59Z
SELECT datetime('now'), datetime('now', 'localtime'), datetime('now', 'localtime', 'utc'), strftime('%Y-%m-%d %H:%M:%f %w %j', 'now', 'localtime');
SELECT datetime('now', '-6 months', 'localtime'), datetime('now', '+6 months', 'localtime'), datetime('2000-01-01 00:00', 'utc'), datetime('2000-07-01 00:00', 'utc');
SELECT datetime(0, 'unixepoch', 'localtime'), datetime(-86400 * 365 * 50, 'unixepoch', 'localtime'), datetime(86400 * 365 * 80, 'unixepoch', 'localtime');
SELECT date('now', 'localtime', 'start of month', '+1 month', '-1 day'), time('now', 'localtime'), julianday('now', 'localtime') - julianday('now');
