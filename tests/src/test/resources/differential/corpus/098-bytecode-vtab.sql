CREATE TABLE t(a INTEGER PRIMARY KEY, b);
SELECT count(*) > 3, max(opcode = 'Halt') FROM bytecode('SELECT * FROM t WHERE a = 1');
SELECT addr, opcode, p1, p2, p3, p4, p5 FROM bytecode('SELECT b FROM t WHERE a = ?1') WHERE opcode IN ('OpenRead', 'SeekRowid', 'Column', 'ResultRow');
EXPLAIN SELECT 1;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE a = 1;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE b = 1;
