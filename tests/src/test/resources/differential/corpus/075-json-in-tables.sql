CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT CHECK (json_valid(body)));
INSERT INTO docs(body) VALUES ('{"name":"a","tags":["x","y"],"n":1}'), ('{"name":"b","tags":[],"n":2.5}'), ('{"name":"c"}');
INSERT INTO docs(body) VALUES ('not json');
CREATE INDEX dn ON docs(body ->> '$.name');
SELECT id, body ->> '$.name', json_array_length(body, '$.tags') FROM docs ORDER BY body ->> '$.name' DESC;
SELECT d.id, j.value FROM docs d, json_each(d.body, '$.tags') j;
UPDATE docs SET body = json_set(body, '$.n', coalesce(body ->> '$.n', 0) + 1) RETURNING body;
--! serialize
