package dev.livestorejvm.wasm;

import static dev.livestorejvm.wasm.WasmExport.*;

import dev.livestorejvm.vfs.Vfs;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * One instance of the wa-sqlite binary, and SQLite's C API on it in Java types: handles
 * ({@code sqlite3*}, {@code sqlite3_stmt*}) are opaque {@code int}s, strings and blobs are copied
 * in and out of linear memory here, so that no layer above sees a pointer into it.
 *
 * <p>Not thread-safe, and never to be made so by the binary ({@code SQLITE_THREADSAFE=0}): the
 * owner serializes every call. Results are SQLite's result codes, as in C.
 *
 * <p>Internal: public only for the {@code engine} module (see the package documentation).
 */
public final class SqliteModule {
    /** {@code SQLITE_TRANSIENT}: SQLite copies the value before the bind call returns. */
    private static final int TRANSIENT = -1;

    private final Options options;
    private final Relay relay;
    private final WasmInstance wasm;
    /** Typed calls of the exports used per row or statement: no argument arrays, no dispatch switch. */
    private final HotCalls hot;
    private volatile IntConsumer sleeper = SqliteModule::sleepMicros;
    private final CallbackApi callbacks;
    private final SessionApi sessions;

    /** How to instantiate the binary; every field has a production default. */
    public record Options(WasmBinary binary, ExecutionMode mode, Clock clock, Random entropy,
                          PrintStream stdout, PrintStream stderr, long maxMemory) {
        public Options {
            Objects.requireNonNull(binary, "binary");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(entropy, "entropy");
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            if (maxMemory < 0) throw new IllegalArgumentException("maxMemory < 0: " + maxMemory);
        }

        /**
         * The default binary, compiled, wall clock in the default zone (looked up when first needed),
         * {@link SecureRandom} entropy (made when SQLite first asks for it), System.out/err, no
         * memory cap.
         */
        public static Options defaults() {
            return new Options(WasmBinary.DEFAULT, ExecutionMode.COMPILED, new LazyZoneClock(),
                new LazySecureRandom(), System.out, System.err, 0);
        }

        public Options withBinary(WasmBinary b) {
            return new Options(b, mode, clock, entropy, stdout, stderr, maxMemory);
        }

        public Options withMode(ExecutionMode m) {
            return new Options(binary, m, clock, entropy, stdout, stderr, maxMemory);
        }

        /** The clock behind {@code datetime('now')}, {@code localtime} and Emscripten's date. */
        public Options withClock(Clock c) {
            return new Options(binary, mode, c, entropy, stdout, stderr, maxMemory);
        }

        /** The entropy behind SQLite's PRNG seed ({@code xRandomness} of the default VFS). */
        public Options withEntropy(Random r) {
            return new Options(binary, mode, clock, r, stdout, stderr, maxMemory);
        }

        /** Where the binary's stdout and stderr go (SQLite itself writes there only for diagnostics). */
        public Options withOutput(PrintStream out, PrintStream err) {
            return new Options(binary, mode, clock, entropy, out, err, maxMemory);
        }

        /** Caps the module's linear memory (bytes, rounded down to 64 KiB pages); 0 keeps the binary's 2 GiB. */
        public Options withMaxMemory(long bytes) {
            return new Options(binary, mode, clock, entropy, stdout, stderr, bytes);
        }
    }

    /** The outcome of {@code sqlite3_open_v2}: a handle is returned even on failure, to read the error from. */
    public record Opened(int rc, int db) {}

    /** The outcome of {@code sqlite3_prepare_v3}: {@code stmt} is 0 for an empty statement. */
    public record Prepared(int rc, int stmt, int tailOffset) {}

    private SqliteModule(Options options, boolean directCalls) {
        this.options = options;
        this.relay = new Relay();
        HostImports host = new HostImports(relay, options.clock(), options.stdout(), options.stderr());
        this.wasm = WasmInstance.load(options.binary(), options.mode(), options.maxMemory(), host, directCalls);
        this.hot = wasm.hot;
        relay.attach(wasm);
        wasm.onFailure(this::stopped);
        this.callbacks = new CallbackApi(wasm, relay);
        this.sessions = new SessionApi(wasm);
    }

    /** User functions, collations, hooks, progress handler, authorizer, changeset apply. */
    public CallbackApi callbacks() {
        return callbacks;
    }

    /** Sessions and changesets, serialize/deserialize, backup. */
    public SessionApi sessions() {
        return sessions;
    }

    /** Instantiates the binary and runs its start-up (constructors, {@code main}, {@code sqlite3_initialize}). */
    public static SqliteModule load(Options options) {
        return new SqliteModule(options, true);
    }

    /** As {@link #load}, with the hot exports called through Chicory's export functions even when compiled: for cross-checks. */
    static SqliteModule loadWithoutDirectCalls(Options options) {
        return new SqliteModule(options, false);
    }

    public Options options() {
        return options;
    }

    public BinaryInfo binaryInfo() {
        return BinaryInfo.of(options.binary());
    }

    /** How this module calls its hot exports: direct calls of the compiled code, or Chicory's export functions. */
    HotCalls hotCalls() {
        return hot;
    }

    /** True once the binary aborted or trapped: every later call fails. */
    public boolean failed() {
        return wasm.failed();
    }

    /** The reason the module stopped (an abort, a trap, a Java error inside its code), or null. */
    public WasmAbort failure() {
        return wasm.failure();
    }

    /**
     * Called once when the module stops, on the failing thread, after the files it had open were
     * closed (a stopped module's SQLite never closes them: their locks would block every other
     * connection to those databases until the JVM exits).
     */
    public void onStopped(java.util.function.Consumer<WasmAbort> listener) {
        this.stoppedListener = java.util.Objects.requireNonNull(listener);
    }

    private volatile java.util.function.Consumer<WasmAbort> stoppedListener;

    private void stopped() {
        for (RelayTarget t : relay.all()) {
            if (t instanceof VfsRelay) ((VfsRelay) t).closeAll();
        }
        java.util.function.Consumer<WasmAbort> l = stoppedListener;
        if (l != null) l.accept(wasm.failure());
    }

    /** Number of registered callback targets (VFSes, functions, hooks): for leak checks. */
    public int relayTargets() {
        return relay.size();
    }

    /** An exception a Java callback threw since the last call (then cleared), or null. */
    public Throwable takeCallbackError() {
        return relay.takeEscaped();
    }

    // ---- VFS ----

    /** Registers {@code vfs} under {@code name}; the default VFS also serves temp files and SQLite's entropy. */
    public int registerVfs(String name, Vfs vfs, boolean makeDefault) {
        int zName = wasm.cString(name);
        int ppVfs = wasm.malloc(4);
        try {
            wasm.memory.writeI32(ppVfs, 0);
            int rc = wasm.callInt(libvfs_vfs_register, zName, vfs.maxPathname(), VfsRelay.METHOD_MASK, 0,
                makeDefault ? 1 : 0, ppVfs);
            int key = wasm.memory.readInt(ppVfs);
            if (rc == 0) {
                relay.register(key, new VfsRelay(name, vfs, wasm, options.clock(), options.entropy(), micros -> sleeper.accept(micros)));
            }
            return rc;
        } finally {
            wasm.free(ppVfs);
            wasm.free(zName);
        }
    }

    /**
     * Replaces how SQLite sleeps ({@code xSleep}, e.g. in a busy handler waiting for a lock). The
     * owner of the module can use it to let other callers in while this one waits.
     */
    public void setSleeper(IntConsumer sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    private static void sleepMicros(int micros) {
        try {
            Thread.sleep(micros / 1000, (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    // ---- library ----

    public String libversion() {
        return wasm.readCString(wasm.callInt(sqlite3_libversion));
    }

    public int libversionNumber() {
        return wasm.callInt(sqlite3_libversion_number);
    }

    public String sourceid() {
        return wasm.readCString(wasm.callInt(sqlite3_sourceid));
    }

    /** The i-th compile option, or null past the last. */
    public String compileOptionGet(int i) {
        return wasm.readCString(wasm.callInt(sqlite3_compileoption_get, i));
    }

    public String errstr(int rc) {
        return wasm.readCString(wasm.callInt(sqlite3_errstr, rc));
    }

    /** {@code sqlite3_complete}: 1 if {@code sql} ends with a complete statement, 0 if not, SQLITE_NOMEM. */
    public int complete(String sql) {
        int z = wasm.cString(sql);
        try {
            return wasm.callInt(sqlite3_complete, z);
        } finally {
            wasm.free(z);
        }
    }

    // ---- connections ----

    public Opened openV2(String filename, int flags, String vfs) {
        int zName = wasm.cString(filename);
        int zVfs = wasm.cString(vfs);
        int ppDb = wasm.malloc(4);
        try {
            wasm.memory.writeI32(ppDb, 0);
            int rc = wasm.callInt(sqlite3_open_v2, zName, ppDb, flags, zVfs);
            return new Opened(rc, wasm.memory.readInt(ppDb));
        } finally {
            wasm.free(ppDb);
            wasm.free(zVfs);
            wasm.free(zName);
        }
    }

    public int closeV2(int db) {
        int rc = wasm.callInt(sqlite3_close_v2, db);
        if (rc == 0) callbacks.closed(db);   // SQLite dropped the connection's callbacks: so does the relay
        return rc;
    }

    public int extendedResultCodes(int db, boolean on) {
        return wasm.callInt(sqlite3_extended_result_codes, db, on ? 1 : 0);
    }

    public int errcode(int db) {
        return hot.sqlite3_errcode(db);
    }

    public int extendedErrcode(int db) {
        return hot.sqlite3_extended_errcode(db);
    }

    public String errmsg(int db) {
        return wasm.readCString(wasm.callInt(sqlite3_errmsg, db));
    }

    /** Byte offset into the SQL of the last error, or -1. */
    public int errorOffset(int db) {
        return wasm.callInt(sqlite3_error_offset, db);
    }

    /** Runs every statement of {@code sql}; results are discarded. */
    public int exec(int db, String sql) {
        int zSql = wasm.cString(sql);
        try {
            return hot.sqlite3_exec(db, zSql, 0, 0, 0);
        } finally {
            wasm.free(zSql);
        }
    }

    public long changes64(int db) {
        return wasm.i64(hot.sqlite3_changes64(db));
    }

    public long totalChanges64(int db) {
        return wasm.i64(hot.sqlite3_total_changes64(db));
    }

    public long lastInsertRowid(int db) {
        return wasm.i64(hot.sqlite3_last_insert_rowid(db));
    }

    public boolean getAutocommit(int db) {
        return hot.sqlite3_get_autocommit(db) != 0;
    }

    public int busyTimeout(int db, int millis) {
        return wasm.callInt(sqlite3_busy_timeout, db, millis);
    }

    public void interrupt(int db) {
        wasm.call(sqlite3_interrupt, db);
    }

    public String dbFilename(int db, String schema) {
        int z = wasm.cString(schema);
        try {
            return wasm.readCString(wasm.callInt(sqlite3_db_filename, db, z));
        } finally {
            wasm.free(z);
        }
    }

    /** 1 if read-only, 0 if read-write, -1 if no such schema. */
    public int dbReadonly(int db, String schema) {
        int z = wasm.cString(schema);
        try {
            return wasm.callInt(sqlite3_db_readonly, db, z);
        } finally {
            wasm.free(z);
        }
    }

    public int limit(int db, int id, int newValue) {
        return wasm.callInt(sqlite3_limit, db, id, newValue);
    }

    /**
     * Registers the extra SQL functions that the package's JS API adds to every connection it opens
     * ({@code RegisterExtensionFunctions}: math, string and statistics functions such as
     * {@code reverse}, {@code stdev}, {@code padl}), so that SQL behaves as in the web adapter.
     */
    public void registerExtensionFunctions(int db) {
        wasm.call(RegisterExtensionFunctions, db);
    }

    /**
     * {@code sqlite3_test_control(SQLITE_TESTCTRL_PRNG_SEED, seed, NULL)}: from now on SQLite's PRNG
     * restarts from {@code seed} instead of the VFS's entropy (0 restores the entropy). For
     * reproducible tests only.
     */
    public int testControlPrngSeed(int seed) {
        int args = wasm.malloc(8);   // the variadic arguments, as wasm32 passes them: int seed, sqlite3* db
        try {
            wasm.memory.writeI32(args, seed);
            wasm.memory.writeI32(args + 4, 0);
            return wasm.callInt(sqlite3_test_control, 28, args);
        } finally {
            wasm.free(args);
        }
    }

    // ---- statements ----

    /** Compiles the first statement of {@code sql} from byte {@code offset} of its UTF-8 form. */
    public Prepared prepareV3(int db, byte[] sqlUtf8, int offset, int prepFlags) {
        int len = sqlUtf8.length - offset;
        int zSql = wasm.malloc(len + 1L);
        int out = wasm.malloc(8);
        try {
            wasm.memory.write(zSql, sqlUtf8, offset, len);
            wasm.memory.writeByte(zSql + len, (byte) 0);
            wasm.memory.writeI32(out, 0);
            wasm.memory.writeI32(out + 4, 0);
            int rc = hot.sqlite3_prepare_v3(db, zSql, len + 1, prepFlags, out, out + 4);
            int stmt = wasm.memory.readInt(out);
            int tail = wasm.memory.readInt(out + 4);
            return new Prepared(rc, stmt, tail == 0 ? sqlUtf8.length : offset + (tail - zSql));
        } finally {
            wasm.free(out);
            wasm.free(zSql);
        }
    }

    public int step(int stmt) {
        return hot.sqlite3_step(stmt);
    }

    public int reset(int stmt) {
        return hot.sqlite3_reset(stmt);
    }

    public int finalizeStmt(int stmt) {
        return hot.sqlite3_finalize(stmt);
    }

    public int clearBindings(int stmt) {
        return hot.sqlite3_clear_bindings(stmt);
    }

    public int bindParameterCount(int stmt) {
        return hot.sqlite3_bind_parameter_count(stmt);
    }

    /** 1-based index of a named parameter (with its prefix: {@code :a}, {@code @a}, {@code $a}), or 0. */
    public int bindParameterIndex(int stmt, String name) {
        int z = wasm.cString(name);
        try {
            return wasm.callInt(sqlite3_bind_parameter_index, stmt, z);
        } finally {
            wasm.free(z);
        }
    }

    public String bindParameterName(int stmt, int index) {
        return wasm.readCString(wasm.callInt(sqlite3_bind_parameter_name, stmt, index));
    }

    public int bindNull(int stmt, int index) {
        return hot.sqlite3_bind_null(stmt, index);
    }

    public int bindInt64(int stmt, int index, long value) {
        return hot.sqlite3_bind_int64(stmt, index, (int) value, (int) (value >>> 32));   // i64 legalized: lo, hi
    }

    public int bindDouble(int stmt, int index, double value) {
        return hot.sqlite3_bind_double(stmt, index, value);
    }

    // Binds copy the value (SQLITE_TRANSIENT) before returning, so one reused buffer serves them all.

    public int bindText(int stmt, int index, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return hot.sqlite3_bind_text(stmt, index, wasm.scratch(utf8), utf8.length, TRANSIENT);
    }

    public int bindBlob(int stmt, int index, byte[] value) {
        return hot.sqlite3_bind_blob(stmt, index, wasm.scratch(value), value.length, TRANSIENT);
    }

    public int bindZeroblob(int stmt, int index, int length) {
        return hot.sqlite3_bind_zeroblob(stmt, index, length);
    }

    public int columnCount(int stmt) {
        return hot.sqlite3_column_count(stmt);
    }

    public int dataCount(int stmt) {
        return hot.sqlite3_data_count(stmt);
    }

    public String columnName(int stmt, int col) {
        return wasm.readCString(wasm.callInt(sqlite3_column_name, stmt, col));
    }

    /** {@code SQLITE_INTEGER} 1, {@code FLOAT} 2, {@code TEXT} 3, {@code BLOB} 4, {@code NULL} 5. */
    public int columnType(int stmt, int col) {
        return hot.sqlite3_column_type(stmt, col);
    }

    public long columnInt64(int stmt, int col) {
        return wasm.i64(hot.sqlite3_column_int64(stmt, col));
    }

    public double columnDouble(int stmt, int col) {
        return hot.sqlite3_column_double(stmt, col);
    }

    /** The value as text (converted if need be), or null for NULL. */
    public String columnText(int stmt, int col) {
        int p = hot.sqlite3_column_text(stmt, col);
        if (p == 0) return null;
        return wasm.readUtf8(p, hot.sqlite3_column_bytes(stmt, col));
    }

    /** The value as a blob (converted if need be); empty for NULL or a zero-length blob. */
    public byte[] columnBlob(int stmt, int col) {
        int p = hot.sqlite3_column_blob(stmt, col);
        int n = hot.sqlite3_column_bytes(stmt, col);
        return p == 0 || n == 0 ? new byte[0] : wasm.memory.readBytes(p, n);
    }

    public String sql(int stmt) {
        return wasm.readCString(wasm.callInt(sqlite3_sql, stmt));
    }

    /** The SQL with bound values substituted, or null if out of memory. */
    public String expandedSql(int stmt) {
        int p = wasm.callInt(sqlite3_expanded_sql, stmt);
        try {
            return wasm.readCString(p);
        } finally {
            wasm.free(p);
        }
    }

    public boolean stmtReadonly(int stmt) {
        return wasm.callInt(sqlite3_stmt_readonly, stmt) != 0;
    }

    public boolean stmtBusy(int stmt) {
        return wasm.callInt(sqlite3_stmt_busy, stmt) != 0;
    }
}
