package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ColumnType;
import java.sql.SQLException;

/** The rows under a {@link JdbcResultSet}: a running statement, or rows held in memory. Columns are 0-based. */
interface Cursor {
    /** Moves to the next row: false when there is none. */
    boolean next() throws SQLException;

    /** True while positioned on a row (including the first row read ahead before {@code next()}). */
    boolean hasRow();

    int columnCount();

    String columnName(int column) throws SQLException;

    ColumnType type(int column) throws SQLException;

    long getLong(int column) throws SQLException;

    double getDouble(int column) throws SQLException;

    /** Text (SQLite's conversion for numbers), or null. */
    String getText(int column) throws SQLException;

    /** Bytes (text as UTF-8), or null. */
    byte[] getBlob(int column) throws SQLException;

    void close() throws SQLException;
}
