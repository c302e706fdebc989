CREATE TABLE p(id INTEGER PRIMARY KEY);
CREATE TABLE c(a REFERENCES p(id), b REFERENCES p);
INSERT INTO c VALUES (1, 2), (3, NULL);
PRAGMA foreign_key_check;
PRAGMA foreign_key_check(c);
PRAGMA foreign_keys = ON;
INSERT INTO c VALUES (5, 5);
PRAGMA foreign_keys;
