package dev.livestorejvm.jdbc;

import dev.livestorejvm.jdbc.ConnectionConfig.Param;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JDBC connection: one SQLite connection on a runtime shared with a few others (see
 * {@link Runtimes}) or on its own. Every JDBC operation holds {@link #lock}, so threads sharing a
 * connection take turns; {@code Statement.cancel()} does not need it (the progress handler reads
 * volatile fields).
 */
final class JdbcConnection implements Connection {
    /** How many virtual-machine steps between two checks for cancel and timeout. */
    static final int PROGRESS_STEPS = 10_000;

    final ReentrantLock lock = new ReentrantLock();
    final ConnectionConfig config;
    final Database db;
    private final SqliteRuntime runtime;
    private final Runtimes shared;   // null if the runtime is dedicated
    private final String beginSql;
    private final Set<JdbcStatement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Properties clientInfo = new Properties();
    private boolean autoCommit = true;
    private boolean readOnly;
    private volatile boolean closed;
    private int savepoints;
    private Map<String, Class<?>> typeMap = Collections.emptyMap();
    /** The file's write gate, if transactions take the write lock at BEGIN; see {@link WriteGates}. */
    private final java.util.concurrent.Semaphore gate;
    private boolean gateHeld;

    /** The statement now running (read by cancel from other threads), and whether its cancel was asked for. */
    volatile JdbcStatement running;
    volatile boolean cancelRequested;
    /** The running statement's deadline (System.nanoTime), 0 for none: written and read by the thread that steps. */
    long deadline;

    JdbcConnection(ConnectionConfig config) throws SQLException {
        this.config = config;
        boolean dedicated = config.flag(Param.DEDICATED_RUNTIME);
        Runtimes pool = Runtimes.of(config.flag(Param.FTS5));
        this.shared = dedicated ? null : pool;
        this.runtime = dedicated ? pool.dedicated() : pool.acquire(config.runtimeLocal);
        Database opened = null;
        try {
            opened = runtime.open(config.filename, config.flags, config.vfs);
            // no waiting inside SQLite: a call sleeping in its busy handler holds the runtime's C
            // stack, which the connections sharing the runtime must then unwind in LIFO order; the
            // driver waits in Java instead (see retryBusy)
            opened.busyTimeout(0);
            opened.progressHandler(PROGRESS_STEPS, this::shouldInterrupt);
            pragma(opened, "journal_mode", Param.JOURNAL_MODE);
            pragma(opened, "synchronous", Param.SYNCHRONOUS);
            pragma(opened, "locking_mode", Param.LOCKING_MODE);
            pragma(opened, "cache_size", Param.CACHE_SIZE);
            if (config.get(Param.FOREIGN_KEYS) != null) {
                opened.exec("PRAGMA foreign_keys = " + (config.flag(Param.FOREIGN_KEYS) ? "ON" : "OFF"));
            }
            // a plain read of the schema: a directory or a file that is not a database fails here, not later
            final Database d = opened;
            retryBusy(() -> {
                d.exec("SELECT count(*) FROM sqlite_schema");
                return null;
            });
        } catch (SqliteException e) {
            if (opened != null) opened.close();
            giveBack();
            throw Errors.of(e);
        } catch (RuntimeException e) {
            if (opened != null) opened.close();
            giveBack();
            throw e;
        }
        this.db = opened;
        this.beginSql = "BEGIN " + config.get(Param.TRANSACTION_MODE).trim().toUpperCase();
        this.readOnly = config.flag(Param.READ_ONLY);
        String file = opened.filename();
        boolean locksAtBegin = !config.get(Param.TRANSACTION_MODE).trim().equalsIgnoreCase("DEFERRED");
        this.gate = locksAtBegin && file != null && !file.isEmpty() ? WriteGates.of(file) : null;
    }

    private void acquireGate() throws SQLException {
        if (gate == null || gateHeld) return;
        try {
            if (!gate.tryAcquire(config.busyTimeout(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new SQLTransientException("[SQLITE_BUSY] database is locked: another connection of this JVM kept its "
                    + "write transaction open longer than busy_timeout (" + config.busyTimeout() + " ms)", "40001",
                    dev.livestorejvm.sqlite.ResultCode.SQLITE_BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the write lock", "57014");
        }
        gateHeld = true;
    }

    /** Called once no transaction is open. */
    private void releaseGate() {
        if (gateHeld) {
            gateHeld = false;
            gate.release();
        }
    }

    private void pragma(Database d, String name, Param p) throws SQLException {
        String v = config.get(p);
        if (v != null) retryBusy(() -> {
            d.exec("PRAGMA " + name + " = " + v.trim());
            return null;
        });
    }

    /** SQLite's own back-off (sqliteDefaultBusyCallback), in milliseconds. */
    private static final int[] BUSY_DELAYS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

    /**
     * Runs {@code call}, and again after a pause while it fails with SQLITE_BUSY, until
     * {@code busy_timeout} has passed: for calls that may be retried as they are (BEGIN, COMMIT,
     * statements outside a transaction).
     */
    <T> T retryBusy(SqlCall<T> call) throws SQLException {
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (SqliteException e) {
                if (!shouldRetry(e, start, attempt)) throw Errors.of(e);
            }
        }
    }

    /** After a SQLITE_BUSY: true once the pause before the next attempt is over, false if the busy timeout has passed. */
    boolean shouldRetry(SqliteException e, long start, int attempt) throws SQLException {
        if (e.resultCode() != dev.livestorejvm.sqlite.ResultCode.SQLITE_BUSY) return false;
        long waited = (System.nanoTime() - start) / 1_000_000;
        long left = config.busyTimeout() - waited;
        if (left <= 0) return false;
        long pause = Math.min(left, BUSY_DELAYS[Math.min(attempt, BUSY_DELAYS.length - 1)]);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a lock: " + e.getMessage(), "57014", e.extendedCode(), e);
        }
        return true;
    }

    private boolean shouldInterrupt() {
        if (running == null) return false;
        long d = deadline;
        return cancelRequested || (d != 0 && System.nanoTime() - d > 0);
    }

    private void giveBack() {
        if (shared != null) shared.release(runtime);
        else runtime.close();
    }

    // ---- helpers for statements ----

    void checkOpen() throws SQLException {
        if (closed) throw Errors.closed("connection");
    }

    /** Runs an engine call, turning its failure into an SQLException. */
    <T> T engine(SqlCall<T> call) throws SQLException {
        try {
            return call.call();
        } catch (SqliteException e) {
            throw Errors.of(e);
        }
    }

    /**
     * True while a transaction is known to be open: since it was found or begun, only statements
     * that cannot end one (INSERT, UPDATE, DELETE, REPLACE, queries) ran, and none failed (a failure
     * may roll the transaction back). Spares asking SQLite before every statement of a transaction.
     * Never set once the application took the {@link Database} itself through {@link #unwrap}.
     */
    boolean txKnownOpen;
    private boolean rawAccess;

    /** Before a statement that may end a transaction (COMMIT, DDL, anything run as SQL text): see {@link #beginIfNeeded(boolean)}. */
    void beginIfNeeded() throws SQLException {
        beginIfNeeded(true);
    }

    /**
     * Before a statement runs: opens the transaction that auto-commit off promises, if none is
     * open. {@code mayEndTransaction}: false for DML and queries, which leave a transaction open.
     */
    void beginIfNeeded(boolean mayEndTransaction) throws SQLException {
        if (!autoCommit && !txKnownOpen && db.autocommit()) {
            releaseGate();   // a transaction ended by SQL (COMMIT run as a statement) gave the lock back
            acquireGate();
            try {
                retryBusy(() -> {
                    db.exec(beginSql);
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                releaseGate();
                throw e;
            }
        }
        txKnownOpen = !autoCommit && !mayEndTransaction && !rawAccess;
    }

    void forget(JdbcStatement st) {
        statements.remove(st);
    }

    private <S extends JdbcStatement> S track(S st) {
        statements.add(st);
        return st;
    }

    // ---- statements ----

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return createStatement(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            checkCursor(type, concurrency);
            return track(new JdbcStatement(this));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepare(sql, JdbcPreparedStatement.Keys.NONE, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkCursor(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
        checkCursor(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(sql, autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? JdbcPreparedStatement.Keys.ROWID
            : JdbcPreparedStatement.Keys.NONE, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("Generated keys by column index (name the columns instead)");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        if (columnNames == null || columnNames.length == 0) return prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
        return prepare(sql, JdbcPreparedStatement.Keys.COLUMNS, columnNames);
    }

    private PreparedStatement prepare(String sql, JdbcPreparedStatement.Keys keys, String[] columns) throws SQLException {
        if (sql == null) throw Errors.misuse("SQL is null");
        lock.lock();
        try {
            checkOpen();
            return track(new JdbcPreparedStatement(this, sql, keys, columns));
        } finally {
            lock.unlock();
        }
    }

    private static void checkCursor(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY) throw Errors.unsupported("Scrollable result sets");
        if (concurrency != ResultSet.CONCUR_READ_ONLY) throw Errors.unsupported("Updatable result sets");
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw Errors.unsupported("Stored procedures (prepareCall)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        throw Errors.unsupported("Stored procedures (prepareCall)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        throw Errors.unsupported("Stored procedures (prepareCall)");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ---- transactions ----

    @Override
    public void setAutoCommit(boolean on) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            txKnownOpen = false;
            if (on == autoCommit) return;
            if (on && !db.autocommit()) retryBusy(() -> {
                db.exec("COMMIT");   // JDBC: switching auto-commit on commits the open transaction
                return null;
            });
            if (db.autocommit()) releaseGate();
            autoCommit = on;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        end("COMMIT");
    }

    @Override
    public void rollback() throws SQLException {
        end("ROLLBACK");
    }

    private void end(String sql) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (autoCommit) throw Errors.misuse(sql.toLowerCase() + "() in auto-commit mode");
            txKnownOpen = false;
            if (!db.autocommit()) retryBusy(() -> {
                db.exec(sql);
                return null;
            });
            if (db.autocommit()) releaseGate();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return savepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null) throw Errors.misuse("savepoint name is null");
        return savepoint(name);
    }

    private Savepoint savepoint(String name) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (autoCommit) throw Errors.misuse("a savepoint in auto-commit mode");
            beginIfNeeded();
            JdbcSavepoint sp = new JdbcSavepoint(++savepoints, name);
            engine(() -> {
                db.exec("SAVEPOINT " + quote(sp.sqlName()));
                return null;
            });
            return sp;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        savepointSql("ROLLBACK TO SAVEPOINT ", savepoint);
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        savepointSql("RELEASE SAVEPOINT ", savepoint);
    }

    private void savepointSql(String verb, Savepoint savepoint) throws SQLException {
        if (!(savepoint instanceof JdbcSavepoint)) throw Errors.misuse("not a savepoint of this driver: " + savepoint);
        lock.lock();
        try {
            checkOpen();
            if (autoCommit) throw Errors.misuse("a savepoint in auto-commit mode");
            engine(() -> {
                db.exec(verb + quote(((JdbcSavepoint) savepoint).sqlName()));
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** SQLite's transactions are serializable: every level is run as SERIALIZABLE, the strictest (as JDBC allows). */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED && level != TRANSACTION_REPEATABLE_READ
            && level != TRANSACTION_SERIALIZABLE) {
            throw Errors.misuse("unknown isolation level " + level);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_SERIALIZABLE;
    }

    /** Read-only through {@code PRAGMA query_only}: writes fail with SQLITE_READONLY. */
    @Override
    public void setReadOnly(boolean on) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (config.flag(Param.READ_ONLY) && !on) return;   // opened read-only: stays so (JDBC calls this a hint)
            engine(() -> {
                db.exec("PRAGMA query_only = " + (on ? 1 : 0));
                return null;
            });
            readOnly = on;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) throw Errors.unsupported("Holdable cursors");
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    // ---- lifecycle ----

    @Override
    public void close() throws SQLException {
        if (closed) return;
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            for (JdbcStatement st : statements.toArray(new JdbcStatement[0])) st.closeQuietly();
            statements.clear();
            try {
                db.close();   // SQLite rolls back a transaction still open
            } catch (SqliteException e) {
                throw Errors.of(e);
            } finally {
                releaseGate();
                giveBack();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) throw Errors.misuse("executor is null");
        JdbcStatement r = running;
        if (r != null) cancelRequested = true;
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException ignored) {
                // abort: the connection is unusable either way
            }
        });
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) throw Errors.misuse("timeout < 0");
        if (closed) return false;
        lock.lock();
        try {
            db.exec("SELECT 1");
            return true;
        } catch (SqliteException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new JdbcDatabaseMetaData(this);
    }

    // ---- catalogs, schemas, options without a SQLite counterpart ----

    /** SQLite has no catalogs: ignored, as JDBC prescribes. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    /**
     * Schemas are SQLite's databases (see {@link JdbcDatabaseMetaData}); unqualified names resolve
     * as SQLite resolves them (temp, main, then attached databases in order), which no setting
     * changes. So {@code main} (or null, the default) is accepted, another existing database is
     * refused as unsupported rather than pretended, and an unknown name is an error (3F000).
     */
    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schema == null || schema.equalsIgnoreCase("main")) return;
        boolean exists = false;
        for (String db : ((JdbcDatabaseMetaData) getMetaData()).databases()) exists |= db.equalsIgnoreCase(schema);
        if (!exists) throw new SQLException("[SQLITE_ERROR] no such schema: " + schema, "3F000", dev.livestorejvm.sqlite.ResultCode.SQLITE_ERROR);
        throw Errors.unsupported("Changing the default schema (SQLite resolves unqualified names itself; qualify them: "
            + schema + ".table)");
    }

    /** The schema unqualified names are created in: always {@code main}. */
    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return "main";
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        typeMap = map == null ? Collections.emptyMap() : map;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) throw new SQLClientInfoException("the connection is closed", "08003", 21, null);
        if (value == null) clientInfo.remove(name); else clientInfo.setProperty(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) throw new SQLClientInfoException("the connection is closed", "08003", 21, null);
        clientInfo.clear();
        if (properties != null) clientInfo.putAll(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        throw Errors.unsupported("Network timeout (an embedded database has no network)");
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public Clob createClob() throws SQLException {
        checkOpen();
        return new javax.sql.rowset.serial.SerialClob(new char[0]);
    }

    @Override
    public Blob createBlob() throws SQLException {
        checkOpen();
        return new javax.sql.rowset.serial.SerialBlob(new byte[0]);
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw Errors.unsupported("NClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw Errors.unsupported("SQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw Errors.unsupported("Arrays");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw Errors.unsupported("Structs");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        if (iface == Database.class) {
            lock.lock();
            try {
                rawAccess = true;   // the application may now end transactions behind the driver's back
                txKnownOpen = false;
            } finally {
                lock.unlock();
            }
            return iface.cast(db);
        }
        throw Errors.misuse("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface == Database.class;
    }

    @Override
    public String toString() {
        return "JdbcConnection[" + config.url + (closed ? ", closed" : "") + "]";
    }
}
