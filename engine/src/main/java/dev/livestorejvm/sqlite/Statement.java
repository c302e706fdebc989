package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ResultCode.SQLITE_DONE;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_MISUSE;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_RANGE;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_ROW;

import dev.livestorejvm.wasm.SqliteModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A prepared statement ({@code sqlite3_stmt*}). Parameters are 1-based, as in SQLite; columns are
 * 0-based, as in SQLite's C API. Values are read from the current row, after {@link #step()}
 * returned true.
 */
public final class Statement implements AutoCloseable {
    private final Database db;
    private final SqliteModule module;
    private final int handle;
    private final String sql;
    private final String tail;
    private Map<String, Integer> columnIndex;
    private boolean closed;
    private boolean hasRow;
    /** Column count of the current row, read by {@link #step()}. */
    private int columns;

    /** Compiled from deeply nested SQL: steps run on the runtime's deep stack (a step may recompile it). */
    private final boolean deep;
    /** May change the schema (CREATE, DROP, ...): once run, the connection reads its views and triggers again. */
    private final boolean changesSchema;

    Statement(Database db, int handle, String sql, String tail, boolean deep) {
        this.db = db;
        this.module = db.module;
        this.handle = handle;
        this.sql = sql;
        this.tail = tail;
        this.deep = deep;
        this.changesSchema = SchemaNesting.changesSchema(sql);
    }

    public String sql() {
        return sql;
    }

    /** What followed this statement in the SQL given to {@link Database#prepareFirst}: "" if nothing but blanks. */
    public String tail() {
        return tail;
    }

    public Database database() {
        return db;
    }

    // ---- parameters ----

    public int parameterCount() {
        return locked(() -> module.bindParameterCount(handle));
    }

    /** 1-based index of a named parameter; the prefix ({@code :}, {@code @}, {@code $}) may be left out. */
    public int parameterIndex(String name) {
        return locked(() -> index(name));
    }

    /** The name of parameter {@code index} with its prefix, or null for a nameless {@code ?}. */
    public String parameterName(int index) {
        return locked(() -> module.bindParameterName(handle, index));
    }

    public Statement bindNull(int index) {
        return bindValue(index, BIND_NULL, 0, 0, null);
    }

    public Statement bindLong(int index, long value) {
        return bindValue(index, BIND_LONG, value, 0, null);
    }

    public Statement bindDouble(int index, double value) {
        return bindValue(index, BIND_DOUBLE, 0, value, null);
    }

    /** Binds text; null binds NULL. */
    public Statement bindText(int index, String value) {
        return bindValue(index, value == null ? BIND_NULL : BIND_TEXT, 0, 0, value);
    }

    /** Binds a blob; null binds NULL. */
    public Statement bindBlob(int index, byte[] value) {
        return bindValue(index, value == null ? BIND_NULL : BIND_BLOB, 0, 0, value);
    }

    /** Binds a blob of {@code length} zero bytes. */
    public Statement bindZeroBlob(int index, int length) {
        return bindValue(index, BIND_ZEROBLOB, length, 0, null);
    }

    /**
     * Binds by Java type: null, Long/Integer/Short/Byte, Double/Float, Boolean (1 or 0), String,
     * byte[]. Anything else is refused with SQLITE_MISMATCH rather than guessed at.
     */
    public Statement bind(int index, Object value) {
        if (value == null) return bindNull(index);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return bindLong(index, ((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) return bindDouble(index, ((Number) value).doubleValue());
        if (value instanceof Boolean) return bindLong(index, (Boolean) value ? 1 : 0);
        if (value instanceof String) return bindText(index, (String) value);
        if (value instanceof byte[]) return bindBlob(index, (byte[]) value);
        throw new SqliteException(ResultCode.SQLITE_MISMATCH,
            "cannot bind a " + value.getClass().getName() + " to parameter " + index, sql, -1, db.name(), null);
    }

    public Statement bind(String name, Object value) {
        return bind(parameterIndex(name), value);
    }

    public Statement bindNull(String name) {
        return bindNull(parameterIndex(name));
    }

    public Statement bindLong(String name, long value) {
        return bindLong(parameterIndex(name), value);
    }

    public Statement bindDouble(String name, double value) {
        return bindDouble(parameterIndex(name), value);
    }

    public Statement bindText(String name, String value) {
        return bindText(parameterIndex(name), value);
    }

    public Statement bindBlob(String name, byte[] value) {
        return bindBlob(parameterIndex(name), value);
    }

    /** Binds {@code values} to parameters 1..n. */
    public Statement bindAll(Object... values) {
        for (int i = 0; i < values.length; i++) bind(i + 1, values[i]);
        return this;
    }

    /** Sets every parameter back to NULL. */
    public Statement clearBindings() {
        enter();
        try {
            module.clearBindings(handle);
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
        return this;
    }

    // ---- execution ----

    /** Runs to the next row: true if there is one to read, false when done. */
    public boolean step() {
        if (deep) return db.runtime.deep(this::stepHere);
        return stepHere();
    }

    private boolean stepHere() {
        enter();
        try {
            hasRow = false;
            int rc = module.step(handle);
            if (changesSchema) db.schemaChanged();
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw db.error(rc, sql);
            db.throwPendingCallbackError(sql);
            // read once per row, not once per getter (a recompile after a schema change may alter it)
            if (rc == SQLITE_ROW) columns = module.columnCount(handle);
            return hasRow = rc == SQLITE_ROW;
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    /** Steps to the end and returns the rows changed ({@code sqlite3_changes64}); resets for reuse. */
    public long executeUpdate() {
        if (deep) return db.runtime.deep(this::executeUpdateHere);
        return executeUpdateHere();
    }

    private long executeUpdateHere() {
        enter();
        try {
            try {
                while (step()) {
                    // rows of e.g. RETURNING or a PRAGMA are read past
                }
                return module.changes64(db.handle);
            } finally {
                hasRow = false;
                module.reset(handle);
            }
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    /** Makes the statement ready to run again; bindings are kept. */
    public Statement reset() {
        enter();
        try {
            hasRow = false;
            module.reset(handle);   // its code repeats the last step's error, already reported
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
        return this;
    }

    // ---- columns ----

    public int columnCount() {
        return locked(() -> module.columnCount(handle));
    }

    public String columnName(int column) {
        return locked(() -> {
            checkColumn(column);
            return module.columnName(handle, column);
        });
    }

    public List<String> columnNames() {
        return locked(() -> {
            int n = module.columnCount(handle);
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) names.add(module.columnName(handle, i));
            return names;
        });
    }

    /** 0-based index of the column named {@code name} (the first, if several have it). */
    public int columnIndex(String name) {
        return locked(() -> {
            if (columnIndex == null) {
                Map<String, Integer> m = new HashMap<>();
                int n = module.columnCount(handle);
                for (int i = n - 1; i >= 0; i--) m.put(module.columnName(handle, i), i);
                columnIndex = m;
            }
            Integer i = columnIndex.get(name);
            if (i == null) throw new SqliteException(SQLITE_RANGE, "no column named " + name, sql, -1, db.name(), null);
            return i;
        });
    }

    /** The storage class of the value in {@code column} of the current row. */
    public ColumnType columnType(int column) {
        enterRow(column);
        try {
            return ColumnType.of(module.columnType(handle, column));
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    public boolean isNull(int column) {
        return columnType(column) == ColumnType.NULL;
    }

    /** The value as a 64-bit integer (SQLite's conversion rules; NULL reads as 0). */
    public long getLong(int column) {
        enterRow(column);
        try {
            return module.columnInt64(handle, column);
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    public int getInt(int column) {
        return (int) getLong(column);
    }

    public double getDouble(int column) {
        enterRow(column);
        try {
            return module.columnDouble(handle, column);
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    /** The value as text, or null for NULL. */
    public String getText(int column) {
        enterRow(column);
        try {
            return module.columnText(handle, column);
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    /** The value as bytes, or null for NULL. */
    public byte[] getBlob(int column) {
        enterRow(column);
        try {
            return module.columnType(handle, column) == 5 ? null : module.columnBlob(handle, column);
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    /** The value in its storage class: Long, Double, String, byte[] or null. */
    public Object getObject(int column) {
        enterRow(column);
        try {
            switch (ColumnType.of(module.columnType(handle, column))) {
                case INTEGER: return module.columnInt64(handle, column);
                case FLOAT: return module.columnDouble(handle, column);
                case TEXT: return module.columnText(handle, column);
                case BLOB: return module.columnBlob(handle, column);
                default: return null;
            }
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
    }

    public long getLong(String column) {
        return getLong(columnIndex(column));
    }

    public int getInt(String column) {
        return getInt(columnIndex(column));
    }

    public double getDouble(String column) {
        return getDouble(columnIndex(column));
    }

    public String getText(String column) {
        return getText(columnIndex(column));
    }

    public byte[] getBlob(String column) {
        return getBlob(columnIndex(column));
    }

    public Object getObject(String column) {
        return getObject(columnIndex(column));
    }

    public boolean isNull(String column) {
        return isNull(columnIndex(column));
    }

    public ColumnType columnType(String column) {
        return columnType(columnIndex(column));
    }

    // ---- misc ----

    /** The SQL with the current bindings substituted. */
    public String expandedSql() {
        return locked(() -> module.expandedSql(handle));
    }

    /** True if the statement makes no direct change to the database. */
    public boolean readOnly() {
        return locked(() -> module.stmtReadonly(handle));
    }

    public boolean isClosed() {
        return closed;
    }

    /** Finalizes the statement. Closing twice is harmless. */
    @Override
    public void close() {
        db.lockedEvenIfClosed(() -> {
            if (closed) return null;
            db.checkNotInCallback();
            closed = true;
            db.forget(this);
            if (!module.failed()) module.finalizeStmt(handle);   // its code repeats the last step's error, already reported
            return null;
        });
    }

    @Override
    public String toString() {
        return "Statement[" + sql + (closed ? ", closed" : "") + "]";
    }

    private <T> T locked(Supplier<T> body) {
        return db.locked(() -> {
            if (closed) throw closedError();
            return body.get();
        });
    }

    // The hot paths (bind, step, column getters, reset) take the locks through enter() and db.exit()
    // rather than locked(...): no lambda, no boxing per call.

    /** {@link Database#enter()}, then the statement's own check; pair with {@code db.exit()}. */
    private void enter() {
        db.enter();
        if (closed) {
            SqliteException refused = closedError();
            db.exit();
            throw refused;
        }
    }

    /** {@link #enter()} for a read of {@code column} of the current row. */
    private void enterRow(int column) {
        enter();
        if (!hasRow || column < 0 || column >= columns) {
            SqliteException refused = !hasRow
                ? new SqliteException(SQLITE_MISUSE, "no current row: step() first", sql, -1, db.name(), null)
                : rangeError(column, columns);
            db.exit();
            throw refused;
        }
    }

    private SqliteException closedError() {
        return new SqliteException(SQLITE_MISUSE, "statement is closed", sql, -1, db.name(), null);
    }

    private void checkColumn(int column) {
        int n = hasRow ? columns : module.columnCount(handle);
        if (column < 0 || column >= n) throw rangeError(column, n);
    }

    private SqliteException rangeError(int column, int n) {
        return new SqliteException(SQLITE_RANGE, "column index " + column + " out of range 0.." + (n - 1), sql, -1, db.name(), null);
    }

    private static final int BIND_NULL = 0, BIND_LONG = 1, BIND_DOUBLE = 2, BIND_TEXT = 3, BIND_BLOB = 4, BIND_ZEROBLOB = 5;

    /** One bind of the given kind: {@code n} for longs and zeroblob lengths, {@code d} for doubles, {@code v} for text and blobs. */
    private Statement bindValue(int index, int kind, long n, double d, Object v) {
        enter();
        try {
            int rc;
            switch (kind) {
                case BIND_LONG: rc = module.bindInt64(handle, index, n); break;
                case BIND_DOUBLE: rc = module.bindDouble(handle, index, d); break;
                case BIND_TEXT: rc = module.bindText(handle, index, (String) v); break;
                case BIND_BLOB: rc = module.bindBlob(handle, index, (byte[]) v); break;
                case BIND_ZEROBLOB: rc = module.bindZeroblob(handle, index, (int) n); break;
                default: rc = module.bindNull(handle, index); break;
            }
            if (rc != 0) throw db.error(rc, sql);
        } catch (RuntimeException e) {
            throw SqliteRuntime.translated(e);
        } finally {
            db.exit();
        }
        return this;
    }

    private int index(String name) {
        int i = module.bindParameterIndex(handle, name);
        if (i == 0 && !name.isEmpty() && ":@$?".indexOf(name.charAt(0)) < 0) {
            for (char prefix : new char[] {':', '@', '$'}) {
                i = module.bindParameterIndex(handle, prefix + name);
                if (i != 0) break;
            }
        }
        if (i == 0) throw new SqliteException(SQLITE_RANGE, "no parameter named " + name, sql, -1, db.name(), null);
        return i;
    }
}
