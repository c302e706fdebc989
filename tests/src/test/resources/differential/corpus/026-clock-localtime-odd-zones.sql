--! zone Australia/Lord_Howe
--! time 2024-04-06T14:45:00Z
SELECT datetime('now', 'localtime'), datetime('now', '+30 minutes', 'localtime'), datetime('2024-01-01 00:00', 'localtime');
SELECT datetime('2024-10-06 02:15:00', 'utc'), datetime('2024-04-07 01:45:00', 'utc');
