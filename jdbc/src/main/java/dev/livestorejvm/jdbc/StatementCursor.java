package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ColumnType;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.Statement;
import java.sql.SQLException;

/**
 * The rows of a running statement. The first row is read when the query runs (so its errors
 * surface in {@code executeQuery}, and metadata sees the first row's types); {@code next()}
 * hands it out first. Closing resets a prepared statement for reuse, or finalizes a plain one.
 */
final class StatementCursor implements Cursor {
    private final JdbcStatement owner;
    private final Statement st;
    private final boolean owned;
    private final long maxRows;
    private final int columns;
    private boolean firstPending;
    private boolean onRow;
    private long rows;
    private boolean closed;

    StatementCursor(JdbcStatement owner, Statement st, boolean owned, long maxRows, int columns) throws SQLException {
        this.owner = owner;
        this.st = st;
        this.owned = owned;
        this.maxRows = maxRows;
        this.columns = columns;
        this.onRow = owner.step(st, true);
        this.firstPending = true;
    }

    @Override
    public boolean next() throws SQLException {
        if (closed) return false;
        if (firstPending) {
            firstPending = false;
        } else if (onRow) {
            onRow = owner.step(st);
        }
        if (onRow && maxRows > 0 && rows >= maxRows) onRow = false;
        if (onRow) rows++;
        return onRow;
    }

    @Override
    public boolean hasRow() {
        return onRow && !closed;
    }

    /** True when the query returned no row at all (known before the first {@code next()}). */
    boolean empty() {
        return firstPending && !onRow;
    }

    @Override
    public int columnCount() {
        return columns;
    }

    @Override
    public String columnName(int column) throws SQLException {
        return owner.engine(() -> st.columnName(column));
    }

    @Override
    public ColumnType type(int column) throws SQLException {
        try {
            return st.columnType(column);
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public long getLong(int column) throws SQLException {
        try {
            return st.getLong(column);
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public double getDouble(int column) throws SQLException {
        try {
            return st.getDouble(column);
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public String getText(int column) throws SQLException {
        try {
            return st.getText(column);
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public byte[] getBlob(int column) throws SQLException {
        try {
            return st.getBlob(column);
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        onRow = false;
        try {
            if (owned) st.close();
            else if (!st.isClosed()) st.reset();
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }
}
