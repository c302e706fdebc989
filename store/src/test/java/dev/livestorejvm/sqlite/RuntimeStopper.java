package dev.livestorejvm.sqlite;

import java.util.concurrent.atomic.AtomicReference;

/**
 * For the store's tests: stops a runtime's module the way only a bug could, as the engine's
 * RuntimeFailureTest does (deep SQL straight into the module, past the engine's depth check, until
 * the C stack guard traps). In this package because it needs the engine's internals.
 */
public final class RuntimeStopper {
    private RuntimeStopper() {}

    /** Stops {@code rt}; returns the error the stopping call got. */
    public static SqliteException stop(SqliteRuntime rt) throws InterruptedException {
        Database db = rt.open(":memory:");
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                rt.locked(() -> rt.module.exec(db.handle, "select 1" + "+1".repeat(6000)));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }, "runtime-stopper", 1L << 30);
        t.start();
        t.join();
        if (!(thrown.get() instanceof SqliteException e) || !rt.isFailed()) {
            throw new AssertionError("the runtime did not stop: " + thrown.get());
        }
        return e;
    }
}
