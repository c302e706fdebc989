CREATE VIRTUAL TABLE f USING fts5(x);
CREATE VIRTUAL TABLE f4 USING fts4(x);
CREATE VIRTUAL TABLE r USING rtree(id, a, b);
SELECT sqlite_compileoption_used('ENABLE_FTS5'), sqlite_compileoption_used('ENABLE_SESSION'), sqlite_compileoption_used('ENABLE_BYTECODE_VTAB');
