package dev.livestorejvm.sqlite;

/**
 * Told of each row a statement inserts, updates or deletes in a rowid table
 * ({@code sqlite3_update_hook}). It must not use the database; an exception interrupts the
 * statement, which fails with the exception as its cause.
 */
@FunctionalInterface
public interface UpdateHook {
    void onUpdate(Operation operation, String schema, String table, long rowid);
}
