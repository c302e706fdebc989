package dev.livestorejvm.sqlite;

/**
 * Consulted while statements are compiled ({@code sqlite3_set_authorizer}). {@code action} is one
 * of SQLite's action codes ({@code SQLITE_READ} 20, {@code SQLITE_INSERT} 18, ...; see
 * https://sqlite.org/c3ref/c_alter_table.html), the strings are the action's details or null. An
 * exception denies, and becomes the cause of the error. It must not use the database.
 */
@FunctionalInterface
public interface Authorizer {
    int CREATE_TABLE = 2;
    int DELETE = 9;
    int DROP_TABLE = 11;
    int INSERT = 18;
    int PRAGMA = 19;
    int READ = 20;
    int SELECT = 21;
    int TRANSACTION = 22;
    int UPDATE = 23;
    int FUNCTION = 31;

    enum Decision {
        /** Allow. */
        OK,
        /** Fail the statement's compilation with SQLITE_AUTH. */
        DENY,
        /** Compile, but read NULL for the column (READ) or skip the action. */
        IGNORE
    }

    Decision authorize(int action, String arg1, String arg2, String schema, String trigger);
}
