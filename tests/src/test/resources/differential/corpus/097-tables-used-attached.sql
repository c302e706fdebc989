ATTACH ':memory:' AS aux;
CREATE TABLE aux.x(a);
CREATE TEMP TABLE y(b);
SELECT type, schema, name, wr FROM tables_used('SELECT * FROM aux.x, y');
SELECT type, schema, name, wr FROM tables_used('INSERT INTO y SELECT a FROM x');
