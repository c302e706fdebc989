--! zone Europe/Berlin
--! time 2024-03-31T00:59:59Z
SELECT datetime('now'), datetime('now', 'localtime'), datetime('now', '+1 second', 'localtime'), datetime('now', '+1 hour', 'localtime');
SELECT datetime('2024-10-27 00:30:00', 'localtime'), datetime('2024-10-27 01:30:00', 'localtime'), datetime('2024-07-01 12:00:00', 'localtime', 'utc');
SELECT datetime('2024-03-31 02:30:00', 'utc'), datetime('2024-10-27 02:30:00', 'utc');
