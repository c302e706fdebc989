package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Columns of a result set.
 *
 * <p><b>No declared types.</b> The binary (wa-sqlite 0.4.0) is built with
 * {@code SQLITE_OMIT_DECLTYPE} and without {@code SQLITE_ENABLE_COLUMN_METADATA}, so SQLite's API
 * cannot tell which table column a result column comes from nor how it was declared
 * ({@code sqlite3_column_decltype}, {@code sqlite3_column_table_name} and
 * {@code sqlite3_column_origin_name} do not exist in it). What is returned instead:
 * <ul>
 * <li>{@link #getColumnType}/{@link #getColumnTypeName}/{@link #getColumnClassName}: the storage
 * class of the value in the current row (the first row before {@code next()}, as the driver reads
 * it ahead): INTEGER ({@code Types.INTEGER}, Integer or Long), REAL ({@code Types.REAL}, Double),
 * TEXT ({@code Types.VARCHAR}, String), BLOB ({@code Types.BLOB}, byte[]); NULL
 * ({@code Types.NULL}, Object) for a NULL value, for an empty result and for
 * {@code PreparedStatement.getMetaData()} before execution. A column declared {@code DATE} holding
 * epoch milliseconds therefore reads as INTEGER, and one declared {@code DECIMAL(10,2)} as
 * whatever was stored. This is what xerial's driver reports for columns without a declared type.</li>
 * <li>{@link #getTableName}, {@link #getSchemaName}, {@link #getCatalogName}: "" (unknown);
 * {@link #isNullable}: {@code columnNullableUnknown}; {@link #isAutoIncrement}: false;
 * precision and scale: 0.</li>
 * </ul>
 * Declared types, nullability and defaults of table columns are in
 * {@link java.sql.DatabaseMetaData#getColumns} (from {@code PRAGMA table_xinfo}).
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
