package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ResultCode.SQLITE_MISUSE;


import dev.livestorejvm.wasm.CallbackApi;
import dev.livestorejvm.wasm.SessionApi;
import dev.livestorejvm.wasm.SqliteModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Statement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Session> sessions = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ConnectionCallbacks callbacks;
    private boolean closed;
    /** The schema's views and triggers ({@link #schemaNesting}); null until read, or once this connection changed its schema. */
    private volatile SchemaNesting schemaNesting;
    /**
     * True while this is a private in-memory or temporary database ({@code :memory:}, {@code ""})
     * that has only run statements naming no view or table and pragmas: its schema is empty.
     * Cleared for good by any other statement, a deserialize or a backup into it.
     */
    private volatile boolean pristine;
    /** Held by the thread running {@link #transaction}; guards {@link #savepoints}. */
    private final ReentrantLock transactions = new ReentrantLock();
    private int savepoints;

    Database(SqliteRuntime runtime, int handle, String name) {
        this.runtime = runtime;
        this.module = runtime.module;
        this.handle = handle;
        this.name = name;
        this.callbacks = new ConnectionCallbacks(this);
        this.pristine = name == null || name.isEmpty() || name.equals(":memory:");
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
        Objects.requireNonNull(sql, "sql");
        if (deep(sql)) {
            runtime.deep(() -> {
                execHere(sql);
                return null;
            });
        } else {
            execHere(sql);
        }
    }

    private void execHere(String sql) {
        locked(() -> {
            if (SchemaNesting.changesSchema(sql)) schemaChanged();
            int rc = module.exec(handle, sql);
            if (rc != 0) throw error(rc, sql);
            throwPendingCallbackError(sql);
            return null;
        });
    }

    /**
     * True if {@code sql} nests deeply enough to need the runtime's deep stack ({@link DeepStack});
     * refuses, with SQLite's error for a too deep expression, SQL that nests deeper than the
     * module's C stack allows ({@link SqlNesting}).
     */
    boolean deep(String sql) {
        // a PRAGMA never reads the schema first: PRAGMA locking_mode=EXCLUSIVE must come before any read of a WAL database
        // nor does a statement that names no view or table (select 1) on a connection whose schema is
        // still empty for sure: the read costs two statements and a thread hop, the bulk of a first
        // `select 1` in a fresh JVM (docs/startup.md). Only then: SQLite loads the schema (parsing
        // every CREATE) at any first statement, select 1 too, so an unknown schema must be read first.
        if (pristine && !isPragma(sql) && !SchemaNesting.namesNoSchemaObject(sql)) pristine = false;
        SchemaNesting schema = schemaNesting == null && (pristine || isPragma(sql)) ? SchemaNesting.NONE : schemaNesting(sql);
        int added = schema.added(sql);
        if (added == 0 && sql.length() < SqlNesting.SHORT) return false;
        int own = SqlNesting.of(sql);
        int nesting = own + added;
        // a schema change names views it does not expand (DROP VIEW v; CREATE VIEW v ...): only its text may refuse it
        boolean refuse = own > SqlNesting.LIMIT || (nesting > SqlNesting.LIMIT && !SchemaNesting.changesSchema(sql));
        if (refuse) {
            String views = added == 0 ? "" : " (" + own + " in its text, " + added + " in the views and triggers it uses)";
            throw new SqliteException(ResultCode.SQLITE_ERROR, "Expression tree is too large: the statement nests about "
                + nesting + " levels deep" + views + ", this engine allows " + SqlNesting.LIMIT
                + " (SQLite's C stack in the module is 512 KiB)", sql, -1, name, null);
        }
        return nesting > SqlNesting.INLINE;
    }

    /**
     * The views and triggers of every schema of this connection, read when first needed and again
     * after this connection changes its schema or attaches a database. (A view another connection
     * creates meanwhile is seen once this one changes its schema or is reopened; until then a
     * statement that uses it is judged by its own text, and SQLite's re-reading of the changed
     * schema runs on the caller's stack.)
     */
    private SchemaNesting schemaNesting(String sql) {
        SchemaNesting s = schemaNesting;
        if (s == null) {
            try {
                // on the deep stack: reading the schema parses every CREATE statement in it, a deep view's too
                s = runtime.deep(this::readSchemaNesting);
            } catch (SqliteException e) {
                // the schema cannot be read (not a database, an I/O error, locked): the statement could not run either
                throw new SqliteException(e.extendedCode(), e.sqliteMessage(), sql, -1, name, e);
            }
            schemaNesting = s;
        }
        return s;
    }

    private static boolean isPragma(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
        return sql.regionMatches(true, i, "pragma", 0, 6);
    }

    /** A statement of this connection that may change the schema ran. */
    void schemaChanged() {
        pristine = false;
        schemaNesting = null;
    }

    private SchemaNesting readSchemaNesting() {
        return locked(() -> {
            List<String> schemas = new ArrayList<>();
            try (Statement st = prepareHere("PRAGMA database_list", false)) {
                while (st.step()) schemas.add(st.getText(1));
            }
            StringBuilder q = new StringBuilder();
            for (String schema : schemas) {
                if (q.length() > 0) q.append(" UNION ALL ");
                q.append("SELECT type, name, tbl_name, sql FROM \"").append(schema.replace("\"", "\"\""))
                    .append("\".sqlite_schema WHERE type IN ('view', 'trigger') AND sql IS NOT NULL");
            }
            List<SchemaNesting.Entry> entries = new ArrayList<>();
            try (Statement st = prepareHere(q.toString(), false)) {
                while (st.step()) entries.add(new SchemaNesting.Entry(st.getText(0), st.getText(1), st.getText(2), st.getText(3)));
            }
            return SchemaNesting.of(entries);
        });
    }

    /** Compiles one statement. Trailing whitespace and comments are allowed; a second statement is not. */
    public Statement prepare(String sql) {
        Objects.requireNonNull(sql, "sql");
        return deep(sql) ? runtime.deep(() -> prepareHere(sql, true)) : prepareHere(sql, false);
    }

    private Statement prepareHere(String sql, boolean deep) {
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
            Statement st = new Statement(this, p.stmt(), sql, "", deep);
            statements.add(st);
            return st;
        });
    }

    /**
     * Compiles the first statement of a script ({@code sql} may hold several, as JDBC's
     * {@code execute} accepts): {@link Statement#tail()} is the rest, to prepare next. Returns
     * null if {@code sql} holds no statement (only whitespace, comments or semicolons).
     */
    public Statement prepareFirst(String sql) {
        Objects.requireNonNull(sql, "sql");
        return deep(sql) ? runtime.deep(() -> prepareFirstHere(sql, true)) : prepareFirstHere(sql, false);
    }

    private Statement prepareFirstHere(String sql, boolean deep) {
        return locked(() -> {
            byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
            SqliteModule.Prepared p = module.prepareV3(handle, utf8, 0, 0);
            if (p.rc() != 0) throw error(p.rc(), sql);
            if (p.stmt() == 0) return null;
            String tail = blank(utf8, p.tailOffset()) ? ""
                : new String(utf8, p.tailOffset(), utf8.length - p.tailOffset(), StandardCharsets.UTF_8);
            Statement st = new Statement(this, p.stmt(), tail.isEmpty() ? sql
                : new String(utf8, 0, p.tailOffset(), StandardCharsets.UTF_8), tail, deep);
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
     * exception is rethrown). Inside another transaction it becomes a savepoint, so it nests. Calls
     * from other threads wait until the running transaction ends.
     */
    public <T> T transaction(TransactionMode mode, Supplier<T> body) {
        // One transaction() at a time per connection: two threads' transactions would otherwise
        // nest into each other (the second seeing the first's BEGIN) and release each other's
        // savepoints. The same thread nests (a savepoint), another thread waits for the end.
        transactions.lock();
        try {
            return transactionHere(mode, body);
        } finally {
            transactions.unlock();
        }
    }

    private <T> T transactionHere(TransactionMode mode, Supplier<T> body) {
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

    // ---- sessions and changesets ----

    /** Starts a session on schema {@code main}; attach tables to it before changing them. */
    public Session createSession() {
        return createSession("main");
    }

    public Session createSession(String schema) {
        return locked(() -> {
            SessionApi.Handle h = module.sessions().sessionCreate(handle, schema);
            if (h.rc() != 0) throw error(h.rc(), null);
            Session s = new Session(this, schema, h.handle());
            sessions.add(s);
            return s;
        });
    }

    /** Applies a changeset; see {@link #applyChangeset(Changeset, Predicate, ConflictHandler)}. */
    public void applyChangeset(Changeset changeset, ConflictHandler onConflict) {
        applyChangeset(changeset, null, onConflict);
    }

    /**
     * Applies {@code changeset} to this database in one savepoint: all of it or, if it fails,
     * nothing. {@code tableFilter} (null: all) selects the tables to apply; {@code onConflict}
     * answers conflicts. A corrupt changeset fails with SQLITE_CORRUPT; an exception from the
     * filter or handler aborts and becomes the cause of the {@link SqliteException}.
     */
    public void applyChangeset(Changeset changeset, Predicate<String> tableFilter, ConflictHandler onConflict) {
        Objects.requireNonNull(onConflict, "onConflict");
        ChangesetFormat.validate(changeset.bytesUnsafe());
        locked(() -> {
            // A filter cannot stop SQLite's apply: if it throws, our own savepoint undoes what was applied.
            if (tableFilter != null) exec("SAVEPOINT livestore_jvm_apply");
            int rc = callbacks.apply(changeset.bytesUnsafe(), tableFilter, onConflict);
            Throwable pending = callbacks.takePending();
            if (tableFilter != null) {
                exec(pending != null || rc != 0 ? "ROLLBACK TO livestore_jvm_apply; RELEASE livestore_jvm_apply"
                    : "RELEASE livestore_jvm_apply");
            }
            if (rc == 0 && pending == null) return null;
            int code = rc != 0 ? rc : ResultCode.SQLITE_ABORT;
            String msg = rc != 0 && module.errcode(handle) == rc ? module.errmsg(handle) : module.errstr(code);
            throw new SqliteException(code, msg + " while applying a changeset of " + changeset.size() + " bytes",
                null, -1, name, pending != null ? pending : module.takeCallbackError());
        });
    }

    // ---- snapshots ----

    /** The database image of {@code main} ({@code sqlite3_serialize}). */
    public byte[] serialize() {
        return serialize("main");
    }

    public byte[] serialize(String schema) {
        return Snapshots.serialize(this, schema);
    }

    /** Replaces {@code main} with a copy of {@code image}, kept in memory and growable ({@code sqlite3_deserialize}). */
    public void deserialize(byte[] image) {
        deserialize("main", image);
    }

    public void deserialize(String schema, byte[] image) {
        schemaChanged();   // another schema, maybe with views and triggers
        Snapshots.deserialize(this, schema, image);
    }

    /** Copies all of {@code main} over {@code main} of {@code dest} ({@code sqlite3_backup_*}, one step). */
    public void backup(Database dest) {
        backup("main", dest, "main", -1, null);
    }

    /**
     * Copies {@code schema} over {@code destSchema} of {@code dest}, {@code pagesPerStep} pages per
     * step (negative: all at once), telling {@code progress} (may be null) after each step. Both
     * databases must belong to the same runtime; between steps, other calls may run.
     */
    public void backup(String schema, Database dest, String destSchema, int pagesPerStep, BackupProgress progress) {
        dest.schemaChanged();   // dest gets this schema
        Snapshots.backup(this, schema, dest, destSchema, pagesPerStep, progress);
        dest.schemaChanged();
    }

    // ---- user functions and collations ----

    /** Registers (or replaces) a scalar SQL function taking {@code nArg} arguments (-1: any number). */
    public void createFunction(String name, int nArg, boolean deterministic, ScalarFunction function) {
        Objects.requireNonNull(function, "function");
        locked(() -> check(callbacks.createFunction(name, nArg, flags(deterministic), function), "creating function " + name));
    }

    /** Registers (or replaces) an aggregate SQL function. */
    public <S> void createAggregate(String name, int nArg, boolean deterministic, AggregateFunction<S> function) {
        Objects.requireNonNull(function, "function");
        locked(() -> check(callbacks.createAggregate(name, nArg, flags(deterministic), function), "creating aggregate " + name));
    }

    /** Removes the function (scalar or aggregate) {@code name} with {@code nArg} arguments. */
    public void removeFunction(String name, int nArg) {
        locked(() -> check(callbacks.createFunction(name, nArg, CallbackApi.UTF8, null), "removing function " + name));
    }

    /** Registers (or replaces, or with null removes) a collation comparing text values. An exception interrupts the statement. */
    public void createCollation(String name, Comparator<String> collation) {
        locked(() -> check(callbacks.createCollation(name, collation), "creating collation " + name));
    }

    private static int flags(boolean deterministic) {
        return CallbackApi.UTF8 | (deterministic ? CallbackApi.DETERMINISTIC : 0);
    }

    private Void check(int rc, String what) {
        if (rc != 0) {
            SqliteException e = error(rc, null);
            throw new SqliteException(e.extendedCode(), e.sqliteMessage() + " while " + what, null, -1, name, e.getCause());
        }
        return null;
    }

    // ---- hooks ----

    /** Sets (null: removes) the update hook. */
    public void updateHook(UpdateHook hook) {
        locked(() -> {
            callbacks.updateHook(hook);
            return null;
        });
    }

    public void commitHook(CommitHook hook) {
        locked(() -> {
            callbacks.commitHook(hook);
            return null;
        });
    }

    /** Called when a transaction rolls back (not for ROLLBACK TO, nor on close). */
    public void rollbackHook(Runnable hook) {
        locked(() -> {
            callbacks.rollbackHook(hook);
            return null;
        });
    }

    /**
     * Calls {@code handler} every {@code instructions} virtual-machine steps (null: none). This is
     * how to cancel a running statement (a deadline, a user's abort): {@code Thread.interrupt()}
     * does not stop SQLite's code, which runs to the end of the call and leaves the flag set.
     */
    public void progressHandler(int instructions, ProgressHandler handler) {
        locked(() -> {
            callbacks.progressHandler(instructions, handler);
            return null;
        });
    }

    public void authorizer(Authorizer authorizer) {
        locked(() -> check(callbacks.authorizer(authorizer), "setting the authorizer"));
    }

    // ---- reads ----

    /**
     * The tables that {@code sql} (one statement) reads, as {@code schema.table}-free names, from the
     * {@code tables_used()} bytecode virtual table: the basis of LiveStore's reactive queries.
     */
    public Set<String> tablesUsed(String sql) {
        Objects.requireNonNull(sql, "sql");
        // the virtual table compiles sql inside the step: as deep as a prepare of it
        return deep(sql) ? runtime.deep(() -> tablesUsedHere(sql)) : tablesUsedHere(sql);
    }

    private Set<String> tablesUsedHere(String sql) {
        Set<String> tables = new LinkedHashSet<>();
        try (Statement st = prepare("SELECT name FROM tables_used(?) WHERE type = 'table' AND wr = 0")) {
            st.bindText(1, sql);
            while (st.step()) tables.add(st.getText(0));
        }
        return tables;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Finalizes this connection's statements, then closes it. Closing twice is harmless. */
    @Override
    public void close() {
        lockedEvenIfClosed(this::closeLocked);
    }

    /** Like {@link #locked} without the open check: closing a statement of a closed database is harmless. */
    <T> T lockedEvenIfClosed(Supplier<T> body) {
        lock.lock();
        try {
            return runtime.locked(body);
        } finally {
            lock.unlock();
        }
    }

    private Void closeLocked() {
        if (closed) return null;
        checkNotInCallback();
        for (Session s : sessions) s.delete();   // before close_v2, as the session extension requires
        sessions.clear();
        for (Statement st : new ArrayList<>(statements)) st.close();
        // a stopped module closes nothing more (its files were closed when it stopped)
        int rc = module.failed() ? 0 : module.closeV2(handle);
        closed = true;
        runtime.forget(this);
        if (rc != 0) throw new SqliteException(rc, module.errstr(rc) + " while closing", null, -1, name, null);
        return null;
    }

    @Override
    public String toString() {
        return "Database[" + name + (closed ? ", closed" : "") + "]";
    }

    void forget(Statement st) {
        statements.remove(st);
    }

    void forget(Session s) {
        sessions.remove(s);
    }

    /**
     * Runs {@code body} holding this connection's lock, then the runtime's, after checking that the
     * connection is open. The connection's lock comes first: a call sleeping in a busy handler gives
     * the runtime's lock back but keeps its connection's.
     */
    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return runtime.locked(() -> {
                if (closed) throw closedError();
                checkNotInCallback();
                return body.get();
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * What {@link #locked} does before its body, for hot paths without a lambda: the connection's
     * lock, then the runtime's, then the checks. Pair with {@link #exit()} in a finally block (and
     * {@link SqliteRuntime#translated} in a catch), once this returned.
     */
    void enter() {
        lock.lock();
        runtime.enter();
        if (closed || callbacks.running()) {
            SqliteException refused = closed ? closedError() : inCallbackError();
            exit();
            throw refused;
        }
    }

    void exit() {
        runtime.exit();
        lock.unlock();
    }

    /** The exception for a failed call: SQLite's code and message, the SQL and error offset, and any callback failure. */
    SqliteException error(int rc, String sql) {
        int ext = module.extendedErrcode(handle);
        int code = (ext & 0xff) == (rc & 0xff) ? ext : rc;
        String msg = module.errmsg(handle);
        if ((code & 0xff) == ResultCode.SQLITE_CANTOPEN) msg += WalHint.of(module.dbFilename(handle, "main"));
        int offset = sql == null ? -1 : module.errorOffset(handle);
        Throwable cause = callbacks.takePending();
        Throwable escaped = module.takeCallbackError();
        if (cause == null) cause = escaped; else if (escaped != null) cause.addSuppressed(escaped);
        return new SqliteException(code, msg, sql, offset, name, cause);
    }

    /** A callback of this connection is running: it may not use the connection (SQLite is in the middle of a call). */
    void checkNotInCallback() {
        if (callbacks.running()) throw inCallbackError();
    }

    private SqliteException inCallbackError() {
        return new SqliteException(SQLITE_MISUSE, "a callback of this connection cannot use the connection it was called from",
            null, -1, name, null);
    }

    private SqliteException closedError() {
        return new SqliteException(SQLITE_MISUSE, "database is closed", null, -1, name, null);
    }

    /** After a call that succeeded: a callback that threw (e.g. a rollback hook) still fails the call. */
    void throwPendingCallbackError(String sql) {
        Throwable t = callbacks.takePending();
        if (t != null) {
            throw new SqliteException(ResultCode.SQLITE_ERROR, "a callback threw: " + t, sql, -1, name, t);
        }
    }

    private static boolean blank(byte[] utf8, int from) {
        for (int i = from; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != ';' && b != '\f') return false;
        }
        return true;
    }
}
