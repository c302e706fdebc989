CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE DEFAULT 'n', score REAL CHECK (score >= 0));
CREATE TABLE c(id INTEGER PRIMARY KEY, pid REFERENCES p(id) ON DELETE CASCADE, UNIQUE (pid, id));
PRAGMA table_info(p);
PRAGMA table_xinfo(c);
PRAGMA foreign_key_list(c);
PRAGMA index_list(c);
PRAGMA index_xinfo(sqlite_autoindex_c_1);
SELECT * FROM pragma_table_list ORDER BY name;
PRAGMA schema_version;
PRAGMA user_version = 7;
PRAGMA user_version;
PRAGMA application_id = 1234;
--! serialize
