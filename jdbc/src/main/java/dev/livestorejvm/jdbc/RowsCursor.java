package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ColumnType;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/** Rows held in memory (metadata answers, generated keys): values are Long, Double, String, byte[] or null. */
final class RowsCursor implements Cursor {
    private final List<String> names;
    private final List<Object[]> rows;
    private int row = -1;

    RowsCursor(List<String> names, List<Object[]> rows) {
        this.names = names;
        this.rows = rows;
    }

    @Override
    public boolean next() {
        if (row < rows.size()) row++;
        return row < rows.size();
    }

    @Override
    public boolean hasRow() {
        return row >= 0 && row < rows.size();
    }

    int size() {
        return rows.size();
    }

    /** True on the last row: in memory, that is known. */
    boolean isLast() {
        return row == rows.size() - 1 && row >= 0;
    }

    @Override
    public int columnCount() {
        return names.size();
    }

    @Override
    public String columnName(int column) {
        return names.get(column);
    }

    private Object value(int column) throws SQLException {
        if (!hasRow()) throw Errors.misuse("no current row: call next() first");
        return rows.get(row)[column];
    }

    @Override
    public ColumnType type(int column) throws SQLException {
        return typeOf(value(column));
    }

    static ColumnType typeOf(Object v) {
        if (v == null) return ColumnType.NULL;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Boolean) return ColumnType.INTEGER;
        if (v instanceof Double || v instanceof Float) return ColumnType.FLOAT;
        if (v instanceof byte[]) return ColumnType.BLOB;
        return ColumnType.TEXT;
    }

    @Override
    public long getLong(int column) throws SQLException {
        Object v = value(column);
        if (v == null) return 0;
        if (v instanceof Boolean) return (Boolean) v ? 1 : 0;
        if (v instanceof Number) return ((Number) v).longValue();
        return (long) textToDouble(v);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Object v = value(column);
        if (v == null) return 0;
        if (v instanceof Boolean) return (Boolean) v ? 1 : 0;
        if (v instanceof Number) return ((Number) v).doubleValue();
        return textToDouble(v);
    }

    private static double textToDouble(Object v) {
        try {
            return Double.parseDouble(v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v.toString());
        } catch (NumberFormatException e) {
            return 0;   // as SQLite converts text that is not a number
        }
    }

    @Override
    public String getText(int column) throws SQLException {
        Object v = value(column);
        if (v == null) return null;
        if (v instanceof Boolean) return (Boolean) v ? "1" : "0";
        if (v instanceof byte[]) return new String((byte[]) v, StandardCharsets.UTF_8);
        return v.toString();
    }

    @Override
    public byte[] getBlob(int column) throws SQLException {
        Object v = value(column);
        if (v == null || v instanceof byte[]) return (byte[]) v;
        return getText(column).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        row = rows.size();
    }
}
