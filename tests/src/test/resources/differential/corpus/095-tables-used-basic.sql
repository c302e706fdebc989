CREATE TABLE a(x);
CREATE TABLE b(y);
CREATE VIEW v AS SELECT x FROM a JOIN b ON x = y;
SELECT type, schema, name, wr, subprog FROM tables_used('SELECT * FROM a');
SELECT type, schema, name, wr, subprog FROM tables_used('INSERT INTO b SELECT x FROM a');
SELECT type, schema, name, wr, subprog FROM tables_used('SELECT * FROM v');
SELECT type, schema, name, wr, subprog FROM tables_used('UPDATE a SET x = (SELECT max(y) FROM b)');
SELECT type, schema, name, wr, subprog FROM tables_used('DELETE FROM a WHERE x IN (SELECT y FROM b)');
