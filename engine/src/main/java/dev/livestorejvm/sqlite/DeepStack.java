package dev.livestorejvm.sqlite;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A runtime's thread with a large, known Java stack, for the calls whose SQL nests deeply
 * ({@link SqlNesting}). The compiled module turns each C call into a Java call, so a deep statement
 * needs as much Java stack as C stack, whatever {@code -Xss} the caller's thread got: on this
 * thread the binary's 512 KiB C stack (guarded) is the limit, never the Java one. Created when first
 * needed; the thread ends after a few idle seconds. Statements of ordinary depth never come here
 * (a hand-off per call would cost more than the call).
 */
final class DeepStack {
    /**
     * Java stack of the thread. Measured (compiled module): ~1 KiB of Java stack per unit of
     * {@link SqlNesting}'s bound at the C stack's limit; the interpreter needs several times more.
     * Reserved, not committed: untouched pages cost no memory.
     */
    static final long STACK_BYTES = 256L << 20;

    private final ThreadPoolExecutor executor;
    private volatile Thread thread;

    DeepStack(String owner) {
        executor = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(null, () -> {
                thread = Thread.currentThread();
                r.run();
            }, "livestore-jvm deep stack (" + owner + ")", STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code body} on the deep thread and waits for it; its exception (or error) is rethrown here. */
    <T> T run(Supplier<T> body) {
        Future<T> f = executor.submit(body::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // the module call cannot be stopped half-way (it would poison the instance): wait on
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException) throw (RuntimeException) t;
            if (t instanceof Error) throw (Error) t;
            throw new IllegalStateException(t);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    void shutdown() {
        executor.shutdown();
    }
}
