package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.Statement;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain statement: SQL text run as given, one or several statements per {@code execute} (each
 * result reached with {@link #getMoreResults()}). Query timeout and cancel go through SQLite's
 * progress handler, checked every {@link JdbcConnection#PROGRESS_STEPS} virtual-machine steps.
 */
class JdbcStatement implements java.sql.Statement, SelfWrapper {
    final JdbcConnection conn;
    boolean closed;
    JdbcResultSet results;
    long updateCount = -1;
    private String pendingSql = "";   // statements of the last execute not run yet
    /** Results of the last execute not handed out yet: update counts, or {@link #ROWS} for {@link #pendingRows}. */
    private final java.util.ArrayDeque<Long> pending = new java.util.ArrayDeque<>();
    private JdbcResultSet pendingRows;
    private static final long ROWS = Long.MIN_VALUE;
    long maxRows;
    int queryTimeout;
    private int fetchSize;
    private boolean closeOnCompletion;
    private final List<String> batch = new ArrayList<>();
    /** Keys of the last execution (RETURN_GENERATED_KEYS): last_insert_rowid of each insert that inserted. */
    final List<Object[]> generatedKeys = new ArrayList<>();
    List<String> generatedKeyNames = List.of("last_insert_rowid()");

    JdbcStatement(JdbcConnection conn) {
        this.conn = conn;
    }

    // ---- running: every step goes through here, for timeouts, cancel and errors ----

    /** One step of {@code st}: true if it produced a row. */
    final boolean step(Statement st) throws SQLException {
        return step(st, false);
    }

    /**
     * One step of {@code st}. The {@code first} step of a run that fails with SQLITE_BUSY outside
     * a transaction is retried until the busy timeout (nothing has run yet).
     */
    final boolean step(Statement st, boolean first) throws SQLException {
        conn.lock.lock();
        try {
            long deadline = queryTimeout > 0 ? System.nanoTime() + queryTimeout * 1_000_000_000L : 0;
            long busySince = 0;
            for (int attempt = 0; ; attempt++) {
                startRun(deadline);
                try {
                    return st.step();
                } catch (SqliteException e) {
                    conn.running = null;
                    conn.txKnownOpen = false;   // a failed statement may have rolled the transaction back
                    if (first && e.resultCode() == dev.livestorejvm.sqlite.ResultCode.SQLITE_BUSY && conn.db.autocommit()) {
                        if (busySince == 0) busySince = System.nanoTime();
                        if (conn.shouldRetry(e, busySince, attempt)) {
                            st.reset();
                            continue;
                        }
                    }
                    throw Errors.of(e, timedOut(deadline));
                }
            }
        } catch (SqliteException e) {
            throw Errors.of(e);
        } finally {
            conn.running = null;
            conn.lock.unlock();
        }
    }

    /**
     * Runs a statement that returns no rows to read (INSERT, UPDATE, DELETE, REPLACE without keys
     * to collect) to its end in one engine call (steps, {@code sqlite3_changes64}, reset), with the
     * same timeout, cancel and busy handling as {@link #step}: the hot path of executeUpdate.
     */
    final long runUpdate(Statement st) throws SQLException {
        conn.lock.lock();
        try {
            long deadline = queryTimeout > 0 ? System.nanoTime() + queryTimeout * 1_000_000_000L : 0;
            long busySince = 0;
            for (int attempt = 0; ; attempt++) {
                startRun(deadline);
                try {
                    return st.executeUpdate();   // resets the statement, also when it fails
                } catch (SqliteException e) {
                    conn.running = null;
                    conn.txKnownOpen = false;   // a failed statement may have rolled the transaction back
                    // outside a transaction a busy statement changed nothing (SQLite rolled it back): run it again
                    if (e.resultCode() == dev.livestorejvm.sqlite.ResultCode.SQLITE_BUSY && conn.db.autocommit()) {
                        if (busySince == 0) busySince = System.nanoTime();
                        if (conn.shouldRetry(e, busySince, attempt)) continue;
                    }
                    throw Errors.of(e, timedOut(deadline));
                }
            }
        } catch (SqliteException e) {
            throw Errors.of(e);
        } finally {
            conn.running = null;
            conn.lock.unlock();
        }
    }

    /**
     * Arms the progress handler's checks for a run of this statement. Only {@code running} and
     * {@code cancelRequested} are read by other threads (cancel); the deadline is read by the
     * progress handler on this thread, so it is a plain field.
     */
    private void startRun(long deadline) {
        if (conn.cancelRequested) conn.cancelRequested = false;
        conn.deadline = deadline;
        conn.running = this;
    }

    private boolean timedOut(long deadline) {
        return deadline != 0 && System.nanoTime() - deadline >= 0;
    }

    /** An engine call that is not a step: its errors become SQLExceptions. */
    final <T> T engine(SqlCall<T> call) throws SQLException {
        return conn.engine(call);
    }

    /**
     * Runs {@code st} to its end (rows, e.g. of RETURNING, are collected into {@code keys} if not
     * null) and returns the rows it changed: 0 for statements that change none (DDL included).
     */
    final long runToEnd(Statement st, List<Object[]> keys) throws SQLException {
        return runToEnd(st, keys, false);
    }

    /** {@code dml}: the statement is known to be an INSERT, UPDATE, DELETE or REPLACE, whose count sqlite3_changes gives. */
    final long runToEnd(Statement st, List<Object[]> keys, boolean dml) throws SQLException {
        long before = dml ? 0 : engine(conn.db::totalChanges);
        int n = keys == null ? 0 : engine(st::columnCount);
        try {
            for (boolean first = true; step(st, first); first = false) {
                if (keys != null) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        final int c = i;
                        row[i] = engine(() -> st.getObject(c));
                    }
                    keys.add(row);
                }
            }
        } finally {
            engine(st::reset);
        }
        if (dml) return engine(conn.db::changes);
        return engine(conn.db::totalChanges) == before ? 0 : engine(conn.db::changes);
    }

    void checkOpen() throws SQLException {
        if (closed) throw Errors.closed("statement");
        conn.checkOpen();
    }

    /** Closes the current result set and forgets the last results, before running again. */
    void clearResults() throws SQLException {
        if (results != null) {
            JdbcResultSet rs = results;
            results = null;
            rs.closeFromStatement();
        }
        if (pendingRows != null) {
            JdbcResultSet rs = pendingRows;
            pendingRows = null;
            rs.closeFromStatement();
        }
        updateCount = -1;
        pendingSql = "";
        pending.clear();
    }

    // ---- execute ----

    @Override
    public boolean execute(String sql) throws SQLException {
        return execute(sql, false);
    }

    private boolean execute(String sql, boolean keys) throws SQLException {
        if (sql == null) throw Errors.misuse("SQL is null");
        conn.lock.lock();
        try {
            checkOpen();
            clearResults();
            generatedKeys.clear();
            pendingSql = sql;
            runScript(keys);
            return takeNext();
        } finally {
            conn.lock.unlock();
        }
    }

    /**
     * Runs the statements of {@link #pendingSql} up to the first that returns rows (left open for
     * reading, the rest waiting for getMoreResults), queueing the update counts of the others.
     */
    private void runScript(boolean keys) throws SQLException {
        while (!pendingSql.isEmpty()) {
            String sql = pendingSql;
            conn.beginIfNeeded();
            Statement st = engine(() -> conn.db.prepareFirst(sql));
            if (st == null) {
                pendingSql = "";
                return;
            }
            pendingSql = st.tail();
            boolean open = false;
            try {
                int columns = engine(st::columnCount);
                if (columns > 0) {
                    pendingRows = new JdbcResultSet(this, new StatementCursor(this, st, true, maxRows, columns));
                    pending.add(ROWS);
                    open = true;
                    return;
                }
                long count = runToEnd(st, null);
                if (keys && count > 0 && isInsert(st.sql())) generatedKeys.add(new Object[] {engine(conn.db::lastInsertRowid)});
                pending.add(count);
            } catch (SQLException | RuntimeException e) {
                pendingSql = "";
                throw e;
            } finally {
                if (!open) st.close();
            }
        }
    }

    /** Hands out the next queued result: true if it is a result set. */
    private boolean takeNext() {
        Long next = pending.poll();
        if (next == null) {
            updateCount = -1;
            return false;
        }
        if (next == ROWS) {
            results = pendingRows;
            pendingRows = null;
            updateCount = -1;
            return true;
        }
        updateCount = next;
        return false;
    }

    /** True for INSERT and REPLACE, the statements that make a rowid (leading comments and WITH clauses aside). */
    static boolean isInsert(String sql) {
        String s = SqlText.firstKeyword(sql);
        return s.equals("INSERT") || s.equals("REPLACE");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        conn.lock.lock();
        try {
            if (!execute(sql, false)) throw Errors.misuse("the statement returns no rows (use executeUpdate): " + sql);
            return results;
        } finally {
            conn.lock.unlock();
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(sql, false);
    }

    private long update(String sql, boolean keys) throws SQLException {
        conn.lock.lock();
        try {
            boolean rows = execute(sql, keys);
            long count = 0;
            while (true) {
                if (rows) {
                    clearResults();
                    throw Errors.misuse("executeUpdate ran a query that returns rows (use executeQuery): " + sql);
                }
                if (updateCount < 0) return count;   // a script: the last statement's count
                count = updateCount;
                rows = advance(keys);
            }
        } finally {
            conn.lock.unlock();
        }
    }

    /** The next result of the last execute: queued, or from running the next statements. */
    private boolean advance(boolean keys) throws SQLException {
        if (results != null) {
            JdbcResultSet rs = results;
            results = null;
            rs.closeFromStatement();
        }
        if (pending.isEmpty() && !pendingSql.isEmpty()) runScript(keys);
        return takeNext();
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) executeLargeUpdate(sql, autoGeneratedKeys);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("Generated keys by column index");
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("Generated keys by column index");
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw Errors.unsupported("Generated keys by column index");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        throw Errors.unsupported("Generated keys by column name on a plain Statement (use prepareStatement(sql, columnNames))");
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        throw Errors.unsupported("Generated keys by column name on a plain Statement (use prepareStatement(sql, columnNames))");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        throw Errors.unsupported("Generated keys by column name on a plain Statement (use prepareStatement(sql, columnNames))");
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return new JdbcResultSet(this, new RowsCursor(generatedKeyNames, new ArrayList<>(generatedKeys)));
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return results;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        conn.lock.lock();
        try {
            checkOpen();
            if (current != CLOSE_CURRENT_RESULT && results != null) throw Errors.unsupported("Keeping a result set open past getMoreResults");
            return advance(false);
        } finally {
            conn.lock.unlock();
        }
    }

    // ---- batches ----

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        if (sql == null) throw Errors.misuse("SQL is null");
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] ints = new int[counts.length];
        for (int i = 0; i < counts.length; i++) ints[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        return ints;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        conn.lock.lock();
        try {
            checkOpen();
            long[] counts = new long[batch.size()];
            try {
                for (int i = 0; i < counts.length; i++) {
                    try {
                        counts[i] = update(batch.get(i), false);
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

    static BatchUpdateException batchFailure(SQLException e, long[] done) {
        return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
    }

    // ---- options ----

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) throw Errors.misuse("max field size < 0");
        if (max > 0) throw Errors.unsupported("Truncating values (setMaxFieldSize)");
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) throw Errors.misuse("max rows < 0");
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        if (enable) return;   // there are no JDBC escapes to turn off: SQL goes to SQLite as written
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) throw Errors.misuse("query timeout < 0");
        queryTimeout = seconds;
    }

    /** Interrupts this statement if it is running now (from any thread): it fails with SQLITE_INTERRUPT. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        if (conn.running == this) conn.cancelRequested = true;
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
    public void setCursorName(String name) throws SQLException {
        throw Errors.unsupported("Named cursors");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) throw Errors.unsupported("Fetch directions other than FETCH_FORWARD");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** A hint: rows are read one at a time from SQLite whatever the size. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) throw Errors.misuse("fetch size < 0");
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return conn;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    /** Called by a result set of this statement when it closes. */
    void resultSetClosed(JdbcResultSet rs) throws SQLException {
        if (results == rs) results = null;
        if (closeOnCompletion && results == null) close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws SQLException {
        if (closed) return;
        conn.lock.lock();
        try {
            if (closed) return;
            clearResults();
            closeEngineStatement();
            closed = true;
            conn.forget(this);
        } finally {
            conn.lock.unlock();
        }
    }

    /** A prepared statement finalizes its compiled statement here. */
    void closeEngineStatement() throws SQLException {
    }

    void closeQuietly() {
        try {
            close();
        } catch (SQLException ignored) {
            // the connection is closing anyway
        }
    }
}
