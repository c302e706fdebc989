package dev.livestorejvm.sqlite;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_MISUSE;

import dev.livestorejvm.wasm.SqliteModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A connection ({@code sqlite3*}), bound to the {@link SqliteRuntime} that opened it. Every method
 * is serialized through the runtime, so a connection may be handed between threads; a transaction
 * spans whatever the connection runs until it ends, whichever thread runs it.
 */
public final class Database implements AutoCloseable {
    final SqliteRuntime runtime;
    final SqliteModule module;
    final int handle;
    private final String name;
    private final Set<Statement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    private int savepoints;

    Database(SqliteRuntime runtime, int handle, String name) {
        this.runtime = runtime;
        this.module = runtime.module;
        this.handle = handle;
        this.name = name;
    }

    /** The name this database was opened with. */
    public String name() {
        return name;
    }

    public SqliteRuntime runtime() {
        return runtime;
    }

    /** Runs every statement of a script; results are discarded. */
    public void exec(String sql) {
        locked(() -> {
            int rc = module.exec(handle, sql);
            if (rc != 0) throw error(rc, sql);
            return null;
        });
    }

    /** Compiles one statement. Trailing whitespace and comments are allowed; a second statement is not. */
    public Statement prepare(String sql) {
        return locked(() -> {
            byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
            SqliteModule.Prepared p = module.prepareV3(handle, utf8, 0, 0);
            if (p.rc() != 0) throw error(p.rc(), sql);
            if (p.stmt() == 0) throw new SqliteException(SQLITE_MISUSE, "no SQL statement to prepare", sql, -1, name, null);
            if (!blank(utf8, p.tailOffset())) {
                SqliteModule.Prepared next = module.prepareV3(handle, utf8, p.tailOffset(), 0);
                if (next.stmt() != 0 || next.rc() != 0) {
                    module.finalizeStmt(next.stmt());
                    module.finalizeStmt(p.stmt());
                    throw new SqliteException(SQLITE_MISUSE, "prepare() compiles one statement; use exec() for scripts",
                        sql, p.tailOffset(), name, null);
                }
            }
            Statement st = new Statement(this, p.stmt(), sql);
            statements.add(st);
            return st;
        });
    }

    /** Prepares, binds {@code params} (1-based, in order), runs to completion; returns {@link #changes()}. */
    public long execute(String sql, Object... params) {
        try (Statement st = prepare(sql)) {
            st.bindAll(params);
            return st.executeUpdate();
        }
    }

    /** Rows changed by the last INSERT, UPDATE or DELETE ({@code sqlite3_changes64}). */
    public long changes() {
        return locked(() -> module.changes64(handle));
    }

    /** Rows changed since the connection opened ({@code sqlite3_total_changes64}). */
    public long totalChanges() {
        return locked(() -> module.totalChanges64(handle));
    }

    public long lastInsertRowid() {
        return locked(() -> module.lastInsertRowid(handle));
    }

    /** True outside an explicit transaction. */
    public boolean autocommit() {
        return locked(() -> module.getAutocommit(handle));
    }

    /** Waits up to {@code millis} for locks held by other connections before failing with SQLITE_BUSY. */
    public void busyTimeout(int millis) {
        locked(() -> {
            int rc = module.busyTimeout(handle, millis);
            if (rc != 0) throw error(rc, null);
            return null;
        });
    }

    /** The file behind schema {@code main}, as the VFS named it ({@code ""} for in-memory databases). */
    public String filename() {
        return locked(() -> module.dbFilename(handle, "main"));
    }

    public boolean readOnly() {
        return locked(() -> module.dbReadonly(handle, "main") == 1);
    }

    /**
     * The database image of {@code schema} ({@code "main"}, {@code "temp"} or an attached name), as
     * {@code sqlite3_serialize} gives it: the bytes a file of this database would hold.
     */
    public byte[] serialize(String schema) {
        return locked(() -> {
            byte[] image = module.serialize(handle, schema);
            if (image == null) {
                throw new SqliteException(dev.livestorejvm.vfs.ResultCodes.SQLITE_ERROR,
                    "cannot serialize schema " + schema + ": no such database, or its pages cannot be read", null, -1, name, null);
            }
            return image;
        });
    }

    /** The options the binary was compiled with ({@code PRAGMA compile_options}). */
    public List<String> compileOptions() {
        List<String> all = new ArrayList<>();
        try (Statement st = prepare("PRAGMA compile_options")) {
            while (st.step()) all.add(st.getText(0));
        }
        return List.copyOf(all);
    }

    /** Runs {@code body} in a DEFERRED transaction; see {@link #transaction(TransactionMode, Supplier)}. */
    public <T> T transaction(Supplier<T> body) {
        return transaction(TransactionMode.DEFERRED, body);
    }

    public void transaction(Runnable body) {
        transaction(TransactionMode.DEFERRED, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs {@code body} in a transaction: committed if it returns, rolled back if it throws (the
     * exception is rethrown). Inside another transaction it becomes a savepoint, so it nests.
     */
    public <T> T transaction(TransactionMode mode, Supplier<T> body) {
        if (autocommit()) {
            exec("BEGIN " + mode.name());
            T result;
            try {
                result = body.get();
            } catch (RuntimeException | Error e) {
                rollbackQuietly("ROLLBACK", e);
                throw e;
            }
            exec("COMMIT");
            return result;
        }
        String sp = "livestore_jvm_sp" + (++savepoints);
        exec("SAVEPOINT " + sp);
        try {
            T result = body.get();
            exec("RELEASE " + sp);
            return result;
        } catch (RuntimeException | Error e) {
            rollbackQuietly("ROLLBACK TO " + sp + "; RELEASE " + sp, e);
            throw e;
        } finally {
            savepoints--;
        }
    }

    private void rollbackQuietly(String sql, Throwable cause) {
        try {
            if (!autocommit()) exec(sql);
        } catch (SqliteException e) {
            cause.addSuppressed(e);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Finalizes this connection's statements, then closes it. Closing twice is harmless. */
    @Override
    public void close() {
        locked(() -> {
            if (closed) return null;
            for (Statement st : new ArrayList<>(statements)) st.close();
            int rc = module.closeV2(handle);
            closed = true;
            runtime.forget(this);
            if (rc != 0) throw new SqliteException(rc, module.errstr(rc) + " while closing", null, -1, name, null);
            return null;
        });
    }

    @Override
    public String toString() {
        return "Database[" + name + (closed ? ", closed" : "") + "]";
    }

    void forget(Statement st) {
        statements.remove(st);
    }

    /** Runs {@code body} on the runtime's lock after checking that this connection is open. */
    <T> T locked(Supplier<T> body) {
        return runtime.locked(() -> {
            if (closed) throw new SqliteException(SQLITE_MISUSE, "database is closed", null, -1, name, null);
            return body.get();
        });
    }

    /** The exception for a failed call: SQLite's code and message, the SQL and error offset, and any callback failure. */
    SqliteException error(int rc, String sql) {
        int ext = module.extendedErrcode(handle);
        int code = (ext & 0xff) == (rc & 0xff) ? ext : rc;
        String msg = module.errmsg(handle);
        int offset = sql == null ? -1 : module.errorOffset(handle);
        return new SqliteException(code, msg, sql, offset, name, module.takeCallbackError());
    }

    private static boolean blank(byte[] utf8, int from) {
        for (int i = from; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != ';' && b != '\f') return false;
        }
        return true;
    }
}
