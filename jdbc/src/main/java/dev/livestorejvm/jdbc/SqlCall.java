package dev.livestorejvm.jdbc;

/** A call into the engine, whose {@link dev.livestorejvm.sqlite.SqliteException} the caller turns into an SQLException. */
@FunctionalInterface
interface SqlCall<T> {
    T call();
}
