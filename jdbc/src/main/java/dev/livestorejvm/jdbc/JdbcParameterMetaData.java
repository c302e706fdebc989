package dev.livestorejvm.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Parameters of a prepared statement: their number and names are SQLite's; a parameter has no
 * declared type in SQLite (any value binds), so its type is that of the value set, if any, else
 * {@link Types#OTHER}.
 */
final class JdbcParameterMetaData implements ParameterMetaData, SelfWrapper {
    private final List<String> names;
    private final Object[] values;

    JdbcParameterMetaData(List<String> names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    private Object value(int param) throws SQLException {
        if (param < 1 || param > names.size()) throw Errors.badIndex("parameter", param, names.size());
        return values[param - 1];
    }

    /** The parameter's name with its prefix ({@code :a}, {@code @a}, {@code $a}, {@code ?1}), or null for a bare {@code ?}. */
    String name(int param) throws SQLException {
        value(param);
        return names.get(param - 1);
    }

    @Override
    public int getParameterCount() {
        return names.size();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        value(param);
        return parameterNullable;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        Object v = value(param);
        return v instanceof Long || v instanceof Double;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        value(param);
        return 0;
    }

    @Override
    public int getScale(int param) throws SQLException {
        value(param);
        return 0;
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        Object v = value(param);
        if (v instanceof Long) return Types.BIGINT;
        if (v instanceof Double) return Types.DOUBLE;
        if (v instanceof String) return Types.VARCHAR;
        if (v instanceof byte[]) return Types.BLOB;
        return Types.OTHER;
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        Object v = value(param);
        if (v instanceof Long) return "INTEGER";
        if (v instanceof Double) return "REAL";
        if (v instanceof String) return "TEXT";
        if (v instanceof byte[]) return "BLOB";
        return "ANY";
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        Object v = value(param);
        return v == null || v.getClass() == Object.class ? Object.class.getName() : v.getClass().getName();
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        value(param);
        return parameterModeIn;
    }
}
