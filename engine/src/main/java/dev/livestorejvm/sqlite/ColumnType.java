package dev.livestorejvm.sqlite;

/** SQLite's storage classes, as {@code sqlite3_column_type} reports them. */
public enum ColumnType {
    INTEGER, FLOAT, TEXT, BLOB, NULL;

    static ColumnType of(int code) {
        return values()[code - 1];
    }
}
