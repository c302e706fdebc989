SELECT typeof(1), typeof(1.0), typeof('1'), typeof(x'01'), typeof(NULL), subtype(json('[1]')), subtype(1);
SELECT sqlite_version(), sqlite_source_id(), sqlite_compileoption_get(0), sqlite_compileoption_used('THREADSAFE=0');
SELECT changes(), total_changes(), last_insert_rowid(), likely(1), unlikely(0), coalesce(1), zeroblob(-1), length(zeroblob(3));
SELECT sqlite_offset(x) FROM (SELECT 1 AS x);
CREATE TABLE t(x);
INSERT INTO t VALUES ('a');
SELECT sqlite_offset(x) FROM t;
