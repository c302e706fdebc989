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

    /** Told of each batch on disk, on this thread, before the sessions (the sync processor pushes it). */
    interface PersistListener {
        PersistListener NONE = batch -> {};

        void persisted(List<PendingCommit> batch);
    }

    private final CommitQueue queue;
    private final LeaderDatabase database;
    private final Sessions sessions;
    private final Recovery recovery;
    private volatile PersistListener listener = PersistListener.NONE;
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

    /** Sets who hears of persisted batches (before {@link #start}, or from a job on this thread). */
    void listener(PersistListener l) {
        this.listener = l;
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
        for (CommitQueue.Work work; (work = queue.next()) != null; ) {
            boolean goOn = work instanceof CommitQueue.Batch b ? persist(b.commits()) : run(((CommitQueue.Job) work).run());
            if (!goOn) return;
        }
    }

    /**
     * Persists every commit queued so far, on this thread: a job that must see all accepted commits
     * on disk calls it holding the leader's commit lock, so that no new one arrives meanwhile.
     */
    void persistQueued() {
        if (!isCurrentThread()) throw new IllegalStateException("persistQueued runs on the writer thread only");
        for (List<PendingCommit> batch; (batch = queue.pollBatch()) != null; ) {
            if (!persist(batch)) throw new StoreException(StoreException.Kind.PERSISTENCE_FAILED, "the leader of " + where + " stopped");
        }
    }

    private boolean run(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a job of the leader of " + where + " failed", e);
        }
        return true;
    }

    /** Persists one batch and tells the sessions, or recovers; false if the leader cannot go on. */
    private boolean persist(List<PendingCommit> batch) {
        Throwable failure = null;
        try {
            database.persist(batch);
        } catch (Throwable t) {
            failure = t;
        }
        if (failure == null) {
            listener.persisted(batch);   // before waiters go on: a flush then sees the sync state of its commits
            queue.persisted(batch);
            sessions.persisted();
            return true;
        }
        try {
            recovery.recover(batch, failure);
            return true;
        } catch (Throwable t) {
            t.addSuppressed(failure);
            LOG.log(System.Logger.Level.ERROR, "the leader of " + where + " could not recover from a failed write", t);
            queue.broken(new StoreException(StoreException.Kind.PERSISTENCE_FAILED, "the leader of " + where
                + " failed and could not recover: " + t.getMessage(), t));
            return false;
        }
    }
}
