package dev.livestorejvm.sqlite;

import static dev.livestorejvm.sqlite.ResultCode.SQLITE_MISUSE;
import static dev.livestorejvm.sqlite.ResultCode.SQLITE_NOMEM;

import dev.livestorejvm.vfs.FileVfs;
import dev.livestorejvm.vfs.MemoryVfs;
import dev.livestorejvm.vfs.OpenFlags;
import dev.livestorejvm.vfs.Vfs;
import dev.livestorejvm.wasm.BinaryInfo;
import dev.livestorejvm.wasm.ExecutionMode;
import dev.livestorejvm.wasm.SqliteModule;
import dev.livestorejvm.wasm.WasmBinary;
import dev.livestorejvm.wasm.WasmOutOfMemory;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One instance of the SQLite binary. The binary is built with {@code SQLITE_THREADSAFE=0}, so
 * every call into it is serialized here: any number of threads and connections may share a
 * runtime, one at a time. For parallelism, create several runtimes.
 *
 * <p>File names open real files through {@link FileVfs}, registered as {@code "file"} and as the
 * default (temp files too). Each runtime also has its own {@link MemoryVfs} (named in-memory
 * databases are shared by the connections of one runtime), registered as {@code "memory"}: use
 * {@code file:name?vfs=memory}. {@code :memory:} needs no VFS.
 */
public final class SqliteRuntime implements AutoCloseable {
    /** Default open flags: read-write, create, URI file names accepted. */
    public static final int DEFAULT_OPEN_FLAGS = OpenFlags.READWRITE | OpenFlags.CREATE | OpenFlags.URI;
    public static final String MEMORY_VFS = "memory";
    public static final String FILE_VFS = "file";
    /** Files in batch-atomic mode ({@link FileVfs#batchAtomic()}): one sync per commit through a redo log. */
    public static final String FILE_BATCH_ATOMIC_VFS = "file-batch-atomic";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumable = lock.newCondition();
    private final Deque<Thread> parked = new ArrayDeque<>();   // calls sleeping inside the module, latest first
    final SqliteModule module;
    private final MemoryVfs memoryVfs = new MemoryVfs();
    private final Set<Database> databases = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private final List<Consumer<SqliteException>> failureListeners = new CopyOnWriteArrayList<>();
    /** The thread for deep statements ({@link DeepStack}); made when first needed. */
    private DeepStack deepStack;

    private SqliteRuntime(SqliteModule.Options options) {
        this.module = SqliteModule.load(options);
        module.setSleeper(this::sleepYielding);
        module.onStopped(this::stopped);
        check(module.registerVfs(MEMORY_VFS, memoryVfs, false), "registering the memory VFS");
        check(module.registerVfs(FILE_BATCH_ATOMIC_VFS, FileVfs.batchAtomic(), false), "registering the batch-atomic file VFS");
        check(module.registerVfs(FILE_VFS, new FileVfs(), true), "registering the file VFS");
    }

    /** A runtime on the default binary, compiled, with the wall clock and secure entropy. */
    public static SqliteRuntime create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a new runtime. */
    public static final class Builder {
        private SqliteModule.Options options = SqliteModule.Options.defaults();

        /** Which binary: the web adapter's default, or the FTS5 build. */
        public Builder binary(WasmBinary binary) {
            options = options.withBinary(binary);
            return this;
        }

        /** Compiled (default) or interpreted. */
        public Builder mode(ExecutionMode mode) {
            options = options.withMode(mode);
            return this;
        }

        /** The clock behind {@code 'now'} and local time (its zone is the local time zone). */
        public Builder clock(Clock clock) {
            options = options.withClock(clock);
            return this;
        }

        /** The entropy that seeds SQLite's PRNG (default {@link java.security.SecureRandom}). */
        public Builder entropy(Random entropy) {
            options = options.withEntropy(entropy);
            return this;
        }

        /**
         * Caps the module's linear memory, i.e. SQLite's whole heap (page cache, sorter, values in
         * flight); allocations past it fail with SQLITE_NOMEM. Default: the binary's own 2 GiB limit.
         */
        public Builder maxMemory(long bytes) {
            options = options.withMaxMemory(bytes);
            return this;
        }

        public SqliteRuntime build() {
            return new SqliteRuntime(options);
        }
    }

    /** Opens a database read-write, creating it if missing, on the default VFS. */
    public Database open(String name) {
        return open(name, DEFAULT_OPEN_FLAGS, null);
    }

    public Database open(String name, int flags) {
        return open(name, flags, null);
    }

    /**
     * Opens a database. {@code flags} are {@link OpenFlags} ({@code READONLY}, {@code READWRITE},
     * {@code CREATE}, {@code URI}, ...); {@code vfs} names a registered VFS, or null for the default.
     */
    public Database open(String name, int flags, String vfs) {
        return locked(() -> {
            ensureOpen();
            SqliteModule.Opened o = module.openV2(name, flags | OpenFlags.EXRESCODE, vfs);
            if (o.rc() != 0) {
                String msg = o.db() != 0 ? module.errmsg(o.db()) : module.errstr(o.rc());
                int code = o.db() != 0 ? module.extendedErrcode(o.db()) : o.rc();
                Throwable cause = module.takeCallbackError();
                if (o.db() != 0) module.closeV2(o.db());
                throw new SqliteException(code, msg + ": " + name, null, -1, name, cause);
            }
            module.registerExtensionFunctions(o.db());   // as the web adapter's open_v2 does
            Database db = new Database(this, o.db(), name);
            databases.add(db);
            return db;
        });
    }

    /** Registers a Java VFS under {@code name}; with {@code makeDefault} it also serves temp files. */
    public void registerVfs(String name, Vfs vfs, boolean makeDefault) {
        locked(() -> {
            ensureOpen();
            check(module.registerVfs(name, vfs, makeDefault), "registering VFS " + name);
            return null;
        });
    }

    /** The in-memory VFS of this runtime ({@code "memory"}). */
    public MemoryVfs memoryVfs() {
        return memoryVfs;
    }

    /** What this runtime runs: package, version and hash of the binary, and SQLite's own version. */
    public SqliteBinaryInfo binaryInfo() {
        return locked(() -> {
            BinaryInfo b = module.binaryInfo();
            return new SqliteBinaryInfo(b.packageName(), b.version(), b.integrity(), b.binary(), b.sourcePath(),
                b.sha256(), module.libversion(), module.sourceid(), module.options().mode());
        });
    }

    /**
     * True if {@code sql} ends with a complete statement ({@code sqlite3_complete}): a semicolon
     * outside strings, comments and trigger bodies. Shells use it to know when input is ready to run.
     */
    public boolean isComplete(String sql) {
        return locked(() -> {
            ensureOpen();
            int rc = module.complete(sql);
            if (rc != 0 && rc != 1) throw new SqliteException(rc, module.errstr(rc) + " while checking SQL completeness");
            return rc == 1;
        });
    }

    /** {@code sqlite3_compileoption_get}, all of them: the options the binary was built with. */
    public List<String> compileOptions() {
        return locked(() -> {
            List<String> all = new ArrayList<>();
            for (String o; (o = module.compileOptionGet(all.size())) != null; ) all.add(o);
            return List.copyOf(all);
        });
    }

    /**
     * Makes SQLite's PRNG ({@code random()}, {@code randomblob()}, temp names) restart from
     * {@code seed} instead of the runtime's entropy ({@code SQLITE_TESTCTRL_PRNG_SEED}); 0 goes
     * back to the entropy. For reproducible tests only: never in production.
     */
    public void seedRandomnessForTesting(int seed) {
        locked(() -> {
            ensureOpen();
            check(module.testControlPrngSeed(seed), "seeding the PRNG");
            return null;
        });
    }

    /** {@code sqlite3changeset_invert} run by the binary; {@link Changeset#invert()} computes the same bytes in Java. */
    public Changeset invertChangeset(Changeset changeset) {
        return locked(() -> {
            ensureOpen();
            dev.livestorejvm.wasm.SessionApi.Bytes out = module.sessions().changesetInvert(changeset.bytesUnsafe());
            if (out.rc() != 0) throw new SqliteException(out.rc(), module.errstr(out.rc()) + " while inverting a changeset");
            return Changeset.wrap(out.data());
        });
    }

    /** Number of callback targets registered in the binary (VFSes, functions, hooks): for leak checks. */
    public int callbackCount() {
        return locked(module::relayTargets);
    }

    /** Number of connections open on this runtime. */
    public int openDatabases() {
        return locked(databases::size);
    }

    /**
     * Closes every connection still open, then the runtime. On a runtime that {@linkplain #isFailed()
     * failed} it succeeds too: its files were released when it stopped, nothing more runs in it.
     */
    @Override
    public void close() {
        // Each connection's lock is taken before the runtime's (see Database#locked), never inside it.
        for (Database db : locked(() -> new ArrayList<>(databases))) db.close();
        locked(() -> closed = true);
        DeepStack d = deepStack;
        if (d != null) d.shutdown();
    }

    /**
     * True once the SQLite module stopped: a trap (e.g. its C stack overflowed), an abort, or a
     * Java error inside its code (a stack overflow, an exhausted heap, a bug). Its heap was left
     * mid-call, so every later call fails with {@code SQLITE_INTERNAL}; the files it had open were
     * closed (their locks released) when it stopped, and {@link #close()} still succeeds. A user
     * such as a store replaces the runtime with a fresh one and reopens its databases from disk.
     */
    public boolean isFailed() {
        return module.failed();
    }

    /**
     * Calls {@code listener} once when the module stops (see {@link #isFailed()}), with the error
     * the failing call gets. It runs on the failing thread, inside that call, with the runtime's
     * lock held: hand any real work (reopening, restarting) to another thread.
     */
    public void onFailure(Consumer<SqliteException> listener) {
        failureListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void stopped(dev.livestorejvm.wasm.WasmAbort abort) {
        SqliteException e = (SqliteException) translated(abort);
        for (Consumer<SqliteException> l : failureListeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ignored) {
                // a listener's failure must not hide the module's own error from the failing call
            }
        }
    }

    /**
     * Runs {@code body} on this runtime's deep-stack thread, unless the current thread already is
     * that thread or is inside a call of this runtime (a callback: hopping would deadlock on the
     * lock it holds), where it runs here.
     */
    <T> T deep(Supplier<T> body) {
        DeepStack d;
        synchronized (this) {
            if (deepStack == null) deepStack = new DeepStack(Integer.toHexString(System.identityHashCode(this)));
            d = deepStack;
        }
        if (d.isCurrent() || lock.isHeldByCurrentThread()) return body.get();
        return d.run(body);
    }

    public boolean isClosed() {
        return closed;
    }

    void forget(Database db) {
        databases.remove(db);
    }

    /** Runs {@code body} holding the runtime's lock: the only way into the binary. */
    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } catch (RuntimeException e) {
            throw translated(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the runtime's lock, for hot paths that call the module without a {@link #locked} body
     * (no lambda per call): {@code enter(); try { ... } catch (RuntimeException e) { throw
     * translated(e); } finally { exit(); }}.
     */
    void enter() {
        lock.lock();
    }

    void exit() {
        lock.unlock();
    }

    /** What a failure of the module becomes for callers: a stopped module or an exhausted heap as {@link SqliteException}. */
    static RuntimeException translated(RuntimeException e) {
        if (e instanceof dev.livestorejvm.wasm.WasmAbort) {
            return new SqliteException(ResultCode.SQLITE_INTERNAL,
                "the SQLite module stopped: " + e.getMessage(), null, -1, null, e);
        }
        if (e instanceof WasmOutOfMemory) return new SqliteException(SQLITE_NOMEM, e.getMessage(), null, -1, null, e);
        return e;
    }

    /**
     * SQLite sleeps inside a call, e.g. in a busy handler waiting for another connection's lock.
     * That connection may belong to this runtime, so the call gives the runtime's lock back while
     * it sleeps (the sleeping connection keeps its own lock: nobody else can use it meanwhile).
     *
     * <p>All calls share one C stack in linear memory: a call entering while another is parked
     * pushes its frames below the parked one's. So parked calls must resume in LIFO order, or a
     * resumed call would pop back over frames still in use. A call that wakes up while a later one
     * is parked waits for it to resume and return first.
     */
    private void sleepYielding(int micros) {
        Thread me = Thread.currentThread();
        parked.push(me);
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) lock.unlock();
        boolean interrupted = false;
        try {
            Thread.sleep(micros / 1000, (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            for (int i = 0; i < holds; i++) lock.lock();
            while (parked.peek() != me) {
                resumable.awaitUninterruptibly();
            }
            parked.pop();
            resumable.signalAll();
            if (interrupted) me.interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) throw new SqliteException(SQLITE_MISUSE, "the runtime is closed");
    }

    private void check(int rc, String what) {
        if (rc != 0) throw new SqliteException(rc, module.errstr(rc) + " while " + what);
    }
}
