package dev.livestorejvm.sqlite;

/**
 * Entry points for the common case: one shared runtime on the default binary, created on first use.
 * Use {@link SqliteRuntime#builder()} for another binary, the interpreter, a fixed clock, or parallelism.
 */
public final class Sqlite {
    private static volatile SqliteRuntime shared;

    private Sqlite() {}

    /** The shared default runtime (compiled, default binary). */
    public static SqliteRuntime runtime() {
        SqliteRuntime r = shared;
        if (r == null || r.isClosed()) {
            synchronized (Sqlite.class) {
                r = shared;
                if (r == null || r.isClosed()) shared = r = SqliteRuntime.create();
            }
        }
        return r;
    }

    /** Opens (creating if missing) a database on the shared runtime. */
    public static Database open(String name) {
        return runtime().open(name);
    }

    /** Package, version and SHA-256 of the binary, and SQLite's version and source id. */
    public static SqliteBinaryInfo binaryInfo() {
        return runtime().binaryInfo();
    }
}
