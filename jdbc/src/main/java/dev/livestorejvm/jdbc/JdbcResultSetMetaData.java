package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Columns of a result set. The binary is built with SQLITE_OMIT_DECLTYPE, so a column's declared
 * type is unknown to SQLite's API: types are those of the values in the current (or first) row,
 * SQLite's storage classes, as xerial reports columns without a declared type. Before any row, or
 * for a NULL, the type is {@link Types#NULL}. Table and schema names are unknown for the same reason.
 */
final class JdbcResultSetMetaData implements ResultSetMetaData, SelfWrapper {
    private final Cursor cursor;

    JdbcResultSetMetaData(Cursor cursor) {
        this.cursor = cursor;
    }

    private int col(int column) throws SQLException {
        int n = cursor.columnCount();
        if (column < 1 || column > n) throw Errors.badIndex("column", column, n);
        return column - 1;
    }

    private ColumnType type(int column) throws SQLException {
        int c = col(column);
        return cursor.hasRow() ? cursor.type(c) : ColumnType.NULL;
    }

    @Override
    public int getColumnCount() {
        return cursor.columnCount();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return cursor.columnName(col(column));
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return cursor.columnName(col(column));
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        switch (type(column)) {
            case INTEGER: return Types.INTEGER;
            case FLOAT: return Types.REAL;
            case TEXT: return Types.VARCHAR;
            case BLOB: return Types.BLOB;
            default: return Types.NULL;
        }
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        switch (type(column)) {
            case INTEGER: return "INTEGER";
            case FLOAT: return "REAL";
            case TEXT: return "TEXT";
            case BLOB: return "BLOB";
            default: return "NULL";
        }
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        switch (type(column)) {
            case INTEGER: {
                long v = cursor.getLong(col(column));
                return v == (int) v ? Integer.class.getName() : Long.class.getName();
            }
            case FLOAT: return Double.class.getName();
            case TEXT: return String.class.getName();
            case BLOB: return byte[].class.getName();
            default: return Object.class.getName();
        }
    }

    @Override
    public int isNullable(int column) throws SQLException {
        col(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        ColumnType t = type(column);
        return t == ColumnType.INTEGER || t == ColumnType.FLOAT;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        col(column);
        return Integer.MAX_VALUE;
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        col(column);
        return 0;
    }

    @Override
    public int getScale(int column) throws SQLException {
        col(column);
        return 0;
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public String getTableName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        col(column);
        return "";
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        col(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        col(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        col(column);
        return false;
    }
}
