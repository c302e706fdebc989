--! binary fts5
SELECT sqlite_compileoption_used('ENABLE_FTS5'), sqlite_compileoption_used('THREADSAFE=0'), sqlite_version(), sqlite_source_id();
PRAGMA compile_options;
