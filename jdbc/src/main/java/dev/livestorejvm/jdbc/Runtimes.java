package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.wasm.WasmBinary;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtimes connections run on. A runtime is one single-threaded SQLite instance (~17 MB of
 * linear memory, tens of milliseconds to create), so connections share a small set of them: each new
 * connection goes to the runtime with the fewest open connections, and a runtime is created only
 * when every existing one already serves a connection. Two connections on two runtimes run in
 * parallel; on one runtime they take turns. Size: {@code -Dlivestore.jdbc.runtimes=N}, default the
 * number of processors (at least 2). Databases in a runtime's memory VFS ({@code vfs=memory}) are
 * visible to that runtime only, so their connections all go to the first runtime.
 */
final class Runtimes {
    private static final Runtimes DEFAULT = new Runtimes(WasmBinary.DEFAULT);
    private static final Runtimes FTS5 = new Runtimes(WasmBinary.FTS5);

    private final WasmBinary binary;
    private final int size = Math.max(1, Integer.getInteger("livestore.jdbc.runtimes",
        Math.max(2, Runtime.getRuntime().availableProcessors())));
    private final List<SqliteRuntime> runtimes = new ArrayList<>();
    private final List<Integer> users = new ArrayList<>();

    private Runtimes(WasmBinary binary) {
        this.binary = binary;
    }

    static Runtimes of(boolean fts5) {
        return fts5 ? FTS5 : DEFAULT;
    }

    /** A runtime of its own, closed with the connection. */
    SqliteRuntime dedicated() {
        return SqliteRuntime.builder().binary(binary).build();
    }

    /** A shared runtime for a new connection; give it back with {@link #release}. */
    synchronized SqliteRuntime acquire(boolean first) {
        int best = -1;
        if (first || runtimes.size() >= size) {
            if (runtimes.isEmpty()) add();
            best = 0;
            if (!first) {
                for (int i = 1; i < runtimes.size(); i++) if (users.get(i) < users.get(best)) best = i;
            }
        } else {
            for (int i = 0; i < runtimes.size(); i++) if (users.get(i) == 0) { best = i; break; }
            if (best < 0) best = add();
        }
        users.set(best, users.get(best) + 1);
        return runtimes.get(best);
    }

    synchronized void release(SqliteRuntime runtime) {
        for (int i = 0; i < runtimes.size(); i++) {
            if (runtimes.get(i) == runtime) {
                users.set(i, users.get(i) - 1);
                return;
            }
        }
    }

    /** How many shared runtimes exist now (for tests and diagnostics). */
    synchronized int created() {
        return runtimes.size();
    }

    private int add() {
        runtimes.add(SqliteRuntime.builder().binary(binary).build());
        users.add(0);
        return runtimes.size() - 1;
    }
}
