CREATE TABLE t(a, b);
CREATE TABLE log(op, a, b, at);
CREATE TRIGGER ti AFTER INSERT ON t BEGIN
  INSERT INTO log VALUES ('ins', new.a, new.b, datetime('now'));
END;
CREATE TRIGGER tu BEFORE UPDATE OF b ON t WHEN new.b IS NULL BEGIN
  SELECT RAISE(ABORT, 'b must not become null');
END;
CREATE TRIGGER td AFTER DELETE ON t FOR EACH ROW BEGIN
  INSERT INTO log VALUES ('del', old.a, old.b, NULL);
  UPDATE log SET b = 'seen; END' WHERE op = 'ins' AND a = old.a;
END;
INSERT INTO t VALUES (1, 'x'), (2, 'y');
UPDATE t SET b = NULL WHERE a = 1;
DELETE FROM t WHERE a = 2;
SELECT * FROM log;
SELECT changes(), total_changes(), last_insert_rowid();
--! serialize
