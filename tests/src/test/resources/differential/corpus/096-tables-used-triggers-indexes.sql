CREATE TABLE t(a, b);
CREATE INDEX tb ON t(b);
CREATE TABLE log(x);
CREATE TRIGGER tr AFTER UPDATE ON t BEGIN INSERT INTO log VALUES (new.a); END;
SELECT type, schema, name, wr, subprog FROM tables_used('UPDATE t SET b = 1 WHERE a = 2') ORDER BY 1, 3;
SELECT type, schema, name, wr, subprog FROM tables_used('SELECT a FROM t WHERE b = 5');
SELECT type, name, wr FROM tables_used('SELECT * FROM sqlite_schema');
SELECT * FROM tables_used('SELECT * FROM nope');
SELECT * FROM tables_used('not sql at all');
