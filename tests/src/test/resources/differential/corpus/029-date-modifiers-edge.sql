SELECT datetime('2000-01-01', '+1.5 days'), datetime('2000-01-01', '-0.5 hours'), datetime('2000-01-01', '+86400 seconds'), datetime('2000-01-01', '+1000000 years');
SELECT date('2000-01-01', 'start of year', '+11 months', 'start of month', '-1 day'), datetime('2000-01-01 00:00', '+1 year 2 months'), datetime('2000-01-01', '+0001-02-03 04:05:06.7');
SELECT datetime('2024-01-01', 'auto'), datetime(1700000000, 'auto'), datetime(2460000, 'auto'), datetime('2024-06-15 10:00 +02:00'), datetime('2024-06-15T10:00Z');
