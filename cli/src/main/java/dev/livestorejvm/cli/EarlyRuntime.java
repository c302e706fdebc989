package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.SqliteRuntime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The SQLite runtime of {@code sql} and {@code version}, started on a thread of its own as soon as
 * the command line names one of them, so that the wasm instance is built while picocli, still in
 * the bytecode interpreter, builds the command's model and parses the options (docs/startup.md).
 * Only the default runtime (compiled, without FTS5) starts early; {@link RuntimeOptions#start()}
 * takes it when the parsed options ask for exactly that, and builds its own otherwise. One not
 * taken is closed once built, off the command's thread.
 */
final class EarlyRuntime {
    /** The commands that start the default runtime; their options that ask for another one, or none. */
    private static final List<String> COMMANDS = List.of("sql", "version");
    private static final List<String> NOT_DEFAULT = List.of("--interpreted", "--fts5", "-h", "--help");

    private final CompletableFuture<SqliteRuntime> runtime = new CompletableFuture<>();
    private boolean taken;

    private EarlyRuntime() {}

    /** Starts the default runtime when {@code args} run a command that will use it, else null. */
    static EarlyRuntime startFor(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) return null;
        for (String arg : args) {
            if (NOT_DEFAULT.contains(arg)) return null;
        }
        EarlyRuntime early = new EarlyRuntime();
        Thread t = new Thread(() -> {
            try {
                early.runtime.complete(SqliteRuntime.builder().build());
            } catch (Throwable e) {
                early.runtime.completeExceptionally(e);
            }
        }, "livestore-jvm early runtime");
        t.setDaemon(true);
        t.start();
        return early;
    }

    /**
     * The early runtime, once built, for its one taker; null if it failed to start (the taker then
     * starts its own and reports that failure itself).
     */
    synchronized SqliteRuntime take() {
        if (taken) return null;
        taken = true;
        try {
            return runtime.join();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Closes the runtime when it was not taken, once it is built, without waiting for it. */
    synchronized void closeIfUnused() {
        if (taken) return;
        taken = true;
        runtime.thenAccept(SqliteRuntime::close);
    }
}
