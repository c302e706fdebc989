--! zone America/New_York
--! time 2023-11-05T05:30:00Z
SELECT datetime('now', 'localtime'), datetime('now', '+1 hour', 'localtime'), strftime('%H:%M %w %j', 'now', 'localtime');
SELECT datetime('1970-01-01', 'localtime'), datetime('1900-06-01 12:00', 'localtime'), datetime('2100-06-01 12:00', 'localtime');
SELECT datetime('2023-03-12 02:30:00', 'utc'), datetime('2023-11-05 01:30:00', 'utc');
