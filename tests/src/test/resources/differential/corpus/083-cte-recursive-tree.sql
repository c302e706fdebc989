CREATE TABLE org(name PRIMARY KEY, boss);
INSERT INTO org VALUES ('A', NULL), ('B', 'A'), ('C', 'A'), ('D', 'B'), ('E', 'D'), ('F', 'C');
WITH RECURSIVE under(name, level, path) AS (SELECT 'A', 0, 'A' UNION ALL SELECT org.name, level + 1, path || '/' || org.name FROM org JOIN under ON org.boss = under.name ORDER BY 2 DESC) SELECT * FROM under;
WITH RECURSIVE under(name, level) AS (SELECT 'A', 0 UNION ALL SELECT org.name, level + 1 FROM org JOIN under ON org.boss = under.name ORDER BY 2) SELECT group_concat(name) FROM under;
