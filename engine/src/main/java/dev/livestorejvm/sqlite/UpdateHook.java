package dev.livestorejvm.sqlite;

/**
 * Told of each row a statement inserts, updates or deletes in a rowid table
 * ({@code sqlite3_update_hook}). It must not use the database. It is a notification: an
 * exception does not undo the change, but the call that made it fails with SQLITE_ERROR and the
 * exception as its cause.
 */
@FunctionalInterface
public interface UpdateHook {
    void onUpdate(Operation operation, String schema, String table, long rowid);
}
