package dev.livestorejvm.store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A store's sync link, made on a thread of its own while the leader opens its files. Making the
 * built-in WebSocket or HTTP link builds a JDK {@code HttpClient} and, in a fresh JVM, loads and
 * initializes its classes: as long as the SQLite runtime's start, and it needs nothing from the
 * files, so the two overlap (on a second core). The connection itself was already made on the
 * link's own threads.
 */
final class LinkOpening {
    private final FutureTask<BackendLink> task;

    private LinkOpening(FutureTask<BackendLink> task) {
        this.task = task;
    }

    /** Starts making the link of a store that syncs; null for a local-only store. */
    static LinkOpening start(StoreOptions o, String threadName) {
        if (o.sync == null) return null;
        SyncOptions.LinkContext context = new SyncOptions.LinkContext(o.storeId, o.clientId, o.sessionId, o.sync.payload);
        FutureTask<BackendLink> task = new FutureTask<>(() -> o.sync.link.apply(context));
        Thread t = new Thread(task, threadName);
        t.setDaemon(true);
        t.start();
        return new LinkOpening(task);
    }

    /** The link, once made; what making it threw is thrown here as it was. */
    BackendLink await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;   // the link is being made: wait for it, so that it is never left open
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) throw r;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException("making the sync link failed", cause);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The store did not open: closes the link once it is made (a link that failed to be made has nothing to close). */
    void discard() {
        try {
            await().close();
        } catch (RuntimeException | Error e) {
            // nothing was made, or closing failed: the store's own error is the one to report
        }
    }
}
