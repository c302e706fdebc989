package dev.livestorejvm.store;

import java.util.List;

/**
 * The leader's writer thread: takes batches of accepted commits from the {@link CommitQueue},
 * persists each through the {@link LeaderDatabase} and tells the sessions; a batch that fails goes
 * to the {@link Recovery}. Work that must run next to persistence (the sync processor) belongs on
 * this thread.
 */
final class LeaderWriter {
    private static final System.Logger LOG = System.getLogger(LeaderWriter.class.getName());

    /** What to do when a batch could not be persisted; throwing means the leader cannot go on. */
    interface Recovery {
        void recover(List<PendingCommit> batch, Throwable cause);
    }

    private final CommitQueue queue;
    private final LeaderDatabase database;
    private final Sessions sessions;
    private final Recovery recovery;
    private final String where;
    private final Thread thread;

    LeaderWriter(CommitQueue queue, LeaderDatabase database, Sessions sessions, Recovery recovery, String where, String threadName) {
        this.queue = queue;
        this.database = database;
        this.sessions = sessions;
        this.recovery = recovery;
        this.where = where;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** Waits for the thread to end (after {@link CommitQueue#close}), even if interrupted; keeps the interrupt. */
    void join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void loop() {
        for (List<PendingCommit> batch; (batch = queue.nextBatch()) != null; ) {
            Throwable failure = null;
            try {
                database.persist(batch);
            } catch (Throwable t) {
                failure = t;
            }
            if (failure == null) {
                queue.persisted(batch);
                sessions.persisted();
                continue;
            }
            try {
                recovery.recover(batch, failure);
            } catch (Throwable t) {
                t.addSuppressed(failure);
                LOG.log(System.Logger.Level.ERROR, "the leader of " + where + " could not recover from a failed write", t);
                queue.broken(new StoreException(StoreException.Kind.PERSISTENCE_FAILED, "the leader of " + where
                    + " failed and could not recover: " + t.getMessage(), t));
                return;
            }
        }
    }
}
