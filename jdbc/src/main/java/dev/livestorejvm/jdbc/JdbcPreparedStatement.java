package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.Statement;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement compiled once and run many times. Parameters are kept in Java until the statement
 * runs (so a batch can hold several sets) and bound then, as Long, Double, String, byte[] or NULL:
 * see {@link Values} for how Java types become those.
 */
final class JdbcPreparedStatement extends JdbcStatement implements PreparedStatement {
    /** What {@link #getGeneratedKeys()} returns: nothing, the rowid of inserted rows, or named columns through RETURNING. */
    enum Keys { NONE, ROWID, COLUMNS }

    private static final Object UNSET = new Object();

    private final String sql;
    private final Statement st;
    private final Keys keys;
    /** True when RETURNING was appended for generated keys: the rows are keys, not a result set. */
    private final boolean returningAdded;
    private final int parameterCount;
    /** Fixed by the SQL: its result columns (0 for statements without rows), whether it only reads, whether it is plain DML. */
    private final int columns;
    private final boolean query;
    private final boolean dml;
    private final boolean insert;
    private Object[] params;
    private final List<Object[]> batch = new ArrayList<>();

    JdbcPreparedStatement(JdbcConnection conn, String sql, Keys keys, String[] keyColumns) throws SQLException {
        super(conn);
        this.sql = sql;
        String compiled = sql;
        boolean added = false;
        Keys k = keys;
        if (keys == Keys.COLUMNS) {
            String verb = SqlText.firstKeyword(sql);
            boolean dml = verb.equals("INSERT") || verb.equals("REPLACE") || verb.equals("UPDATE") || verb.equals("DELETE");
            if (dml && !SqlText.hasKeyword(sql, "RETURNING")) {
                StringBuilder s = new StringBuilder(SqlText.trimEnd(sql)).append("\nRETURNING ");
                for (int i = 0; i < keyColumns.length; i++) {
                    if (i > 0) s.append(", ");
                    s.append(JdbcConnection.quote(keyColumns[i]));
                }
                compiled = s.toString();
                added = true;
                generatedKeyNames = List.of(keyColumns);
            } else if (dml) {
                added = true;   // the caller's own RETURNING clause: its rows are the keys
            } else {
                k = Keys.NONE;
            }
        }
        this.keys = k;
        this.returningAdded = added;
        final String toCompile = compiled;
        this.st = engine(() -> conn.db.prepare(toCompile));
        this.parameterCount = engine(st::parameterCount);
        this.columns = engine(st::columnCount);
        this.query = !returningAdded && columns > 0 && engine(st::readOnly);
        String verb = SqlText.firstKeyword(sql);
        this.dml = verb.equals("INSERT") || verb.equals("UPDATE") || verb.equals("DELETE") || verb.equals("REPLACE");
        this.insert = isInsert(sql);
        this.params = new Object[parameterCount];
        Arrays.fill(params, UNSET);
    }

    // ---- running ----

    private void bindAll(Object[] values) throws SQLException {
        try {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                int index = i + 1;
                if (v instanceof Long) st.bindLong(index, (Long) v);
                else if (v instanceof String) st.bindText(index, (String) v);
                else if (v instanceof Double) st.bindDouble(index, (Double) v);
                else if (v instanceof byte[]) st.bindBlob(index, (byte[]) v);
                else if (v == null) st.bindNull(index);
                else throw new SQLException("[SQLITE_RANGE] no value set for parameter " + index + " of " + sql, "07001", 25);
            }
        } catch (dev.livestorejvm.sqlite.SqliteException e) {
            throw Errors.of(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        conn.lock.lock();
        try {
            checkOpen();
            clearResults();
            generatedKeys.clear();
            bindAll(params);
            conn.beginIfNeeded(!(dml || query));
            if (!returningAdded && columns > 0) {
                results = new JdbcResultSet(this, new StatementCursor(this, st, false, maxRows, columns));
                return true;
            }
            updateCount = runOnce();
            return false;
        } finally {
            conn.lock.unlock();
        }
    }

    /** Runs the bound statement to its end, collecting its keys; returns the rows changed. */
    private long runOnce() throws SQLException {
        long count = dml && !returningAdded ? runUpdate(st) : runToEnd(st, returningAdded ? generatedKeys : null, dml);
        if (keys == Keys.ROWID && count > 0 && insert) generatedKeys.add(new Object[] {engine(conn.db::lastInsertRowid)});
        return count;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        conn.lock.lock();
        try {
            if (!execute()) throw Errors.misuse("the statement returns no rows (use executeUpdate): " + sql);
            return results;
        } finally {
            conn.lock.unlock();
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        conn.lock.lock();
        try {
            checkOpen();
            clearResults();
            generatedKeys.clear();
            if (query) {
                throw Errors.misuse("executeUpdate ran a query that returns rows (use executeQuery): " + sql);
            }
            bindAll(params);
            conn.beginIfNeeded(!(dml || query));
            updateCount = runOnce();
            return updateCount;
        } finally {
            conn.lock.unlock();
        }
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        for (int i = 0; i < params.length; i++) {
            if (params[i] == UNSET) throw new SQLException("[SQLITE_RANGE] no value set for parameter " + (i + 1), "07001", 25);
        }
        batch.add(params.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        conn.lock.lock();
        try {
            checkOpen();
            clearResults();
            generatedKeys.clear();
            long[] counts = new long[batch.size()];
            try {
                conn.beginIfNeeded(!(dml || query));
                for (int i = 0; i < counts.length; i++) {
                    try {
                        bindAll(batch.get(i));
                        counts[i] = runOnce();
                    } catch (SQLException e) {
                        throw batchFailure(e, Arrays.copyOf(counts, i));
                    }
                }
                return counts;
            } finally {
                batch.clear();
            }
        } finally {
            conn.lock.unlock();
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (returningAdded || columns == 0) return null;
        if (results != null) return results.getMetaData();
        return new JdbcResultSetMetaData(new RowsCursor(engine(st::columnNames), List.of()));
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= parameterCount; i++) {
            final int index = i;
            names.add(engine(() -> st.parameterName(index)));
        }
        return new JdbcParameterMetaData(names, params.clone());
    }

    @Override
    void closeEngineStatement() throws SQLException {
        engine(() -> {
            st.close();
            return null;
        });
    }

    // ---- a PreparedStatement runs its own SQL only ----

    @Override
    public boolean execute(String sql) throws SQLException {
        throw Errors.misuse("execute(String) on a PreparedStatement: use execute()");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw Errors.misuse("executeQuery(String) on a PreparedStatement: use executeQuery()");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw Errors.misuse("executeUpdate(String) on a PreparedStatement: use executeUpdate()");
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw Errors.misuse("executeLargeUpdate(String) on a PreparedStatement: use executeLargeUpdate()");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw Errors.misuse("addBatch(String) on a PreparedStatement: use addBatch()");
    }

    // ---- parameters ----

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameterCount) throw Errors.badIndex("parameter", index, parameterCount);
        params[index - 1] = value;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(params, UNSET);
    }

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        set(i, null);
    }

    @Override
    public void setNull(int i, int sqlType, String typeName) throws SQLException {
        set(i, null);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        set(i, x ? 1L : 0L);
    }

    @Override
    public void setByte(int i, byte x) throws SQLException {
        set(i, (long) x);
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        set(i, (long) x);
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        set(i, (long) x);
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        set(i, Values.real(x));
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        set(i, Values.real(x));
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        set(i, x == null ? null : Values.bind(x, conn.config));
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setNString(int i, String x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        set(i, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        set(i, Values.bind(x, null, conn.config));
    }

    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        set(i, Values.bind(x, cal, conn.config));
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        set(i, Values.bind(x, null, conn.config));
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        set(i, Values.bind(x, cal, conn.config));
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        set(i, Values.bind(x, null, conn.config));
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        set(i, Values.bind(x, cal, conn.config));
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        set(i, Values.bind(x, conn.config));
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        set(i, Values.bind(x, targetSqlType, conn.config));
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (x instanceof BigDecimal && (targetSqlType == java.sql.Types.DECIMAL || targetSqlType == java.sql.Types.NUMERIC)) {
            x = ((BigDecimal) x).setScale(scaleOrLength, java.math.RoundingMode.HALF_UP);
        }
        set(i, Values.bind(x, targetSqlType, conn.config));
    }

    // streams are read whole: SQLite binds a value at once

    @Override
    public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        setAsciiStream(i, x, (long) length);
    }

    @Override
    public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        set(i, x == null ? null : new String(Values.read(x, length), StandardCharsets.US_ASCII));
    }

    @Override
    public void setAsciiStream(int i, InputStream x) throws SQLException {
        setAsciiStream(i, x, -1L);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        throw Errors.unsupported("setUnicodeStream (deprecated)");
    }

    @Override
    public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        setBinaryStream(i, x, (long) length);
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        set(i, x == null ? null : Values.read(x, length));
    }

    @Override
    public void setBinaryStream(int i, InputStream x) throws SQLException {
        setBinaryStream(i, x, -1L);
    }

    @Override
    public void setCharacterStream(int i, Reader x, int length) throws SQLException {
        setCharacterStream(i, x, (long) length);
    }

    @Override
    public void setCharacterStream(int i, Reader x, long length) throws SQLException {
        set(i, x == null ? null : Values.read(x, length));
    }

    @Override
    public void setCharacterStream(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override
    public void setNCharacterStream(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setBlob(int i, Blob x) throws SQLException {
        set(i, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    public void setBlob(int i, InputStream x, long length) throws SQLException {
        setBinaryStream(i, x, length);
    }

    @Override
    public void setBlob(int i, InputStream x) throws SQLException {
        setBinaryStream(i, x, -1L);
    }

    @Override
    public void setClob(int i, Clob x) throws SQLException {
        set(i, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setClob(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override
    public void setClob(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setNClob(int i, NClob x) throws SQLException {
        setClob(i, x);
    }

    @Override
    public void setNClob(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override
    public void setNClob(int i, Reader x) throws SQLException {
        setCharacterStream(i, x, -1L);
    }

    @Override
    public void setURL(int i, URL x) throws SQLException {
        set(i, x == null ? null : x.toString());
    }

    @Override
    public void setRef(int i, Ref x) throws SQLException {
        throw Errors.unsupported("Ref parameters");
    }

    @Override
    public void setArray(int i, Array x) throws SQLException {
        throw Errors.unsupported("Array parameters");
    }

    @Override
    public void setRowId(int i, RowId x) throws SQLException {
        throw Errors.unsupported("RowId parameters (bind the rowid as a long)");
    }

    @Override
    public void setSQLXML(int i, SQLXML x) throws SQLException {
        throw Errors.unsupported("SQLXML parameters");
    }

    @Override
    public String toString() {
        return "JdbcPreparedStatement[" + sql + "]";
    }
}
