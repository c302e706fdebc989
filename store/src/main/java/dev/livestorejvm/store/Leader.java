package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The leader of a store: one per store directory per JVM (see {@link LeaderRegistry}), shared by
 * its sessions and closed with the last of them. It puts together the persisted connection
 * ({@link LeaderDatabase}), the commits waiting for it ({@link CommitQueue}), the thread that
 * persists them ({@link LeaderWriter}) and the sessions it tells ({@link Sessions}), and it owns
 * the commit lock: one accepting commit at a time across sessions, because acceptance hands out
 * the sequence numbers.
 *
 * <p>Locks, always taken in this order: the commit lock, a session's lock, the queue's lock. The
 * database's lock is never held while taking another.
 *
 * <p>(Over 300 lines because it owns the commit lock, and every path that takes it — commit, join,
 * rollback, recovery, the sync processor's exclusive section — lives here, so that the lock is taken
 * and released by one class.)
 */
final class Leader implements LeaderWriter.Recovery {
    private static final System.Logger LOG = System.getLogger(Leader.class.getName());
    private static final int EXIT_DRAIN_SECONDS = 30;

    private final StoreOptions options;
    private final SqliteRuntime runtime;
    private final boolean ownsRuntimes;
    /** Where the sessions' replicas live: a runtime of their own, so the leader's syncs never block a session's reads. */
    private final SqliteRuntime sessionRuntime;
    private final LeaderDatabase database;
    private final CommitQueue queue;
    private final Sessions sessions = new Sessions();
    private final LeaderWriter writer;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Thread exitHook;
    /** The sync processor, or null for a local-only store. */
    private final LeaderSync sync;
    private final boolean rebuilt;
    private final long replayed;
    private boolean bootReported;
    /** Set once one of this leader's runtimes stopped (see {@link LeaderRestart}); then it is retired and replaced. */
    private volatile SqliteException runtimeFailure;
    /** The leader that replaced this one after a runtime failure; completed (or failed) by {@link LeaderRestart}. */
    final CompletableFuture<Leader> successor = new CompletableFuture<>();
    /** Set under {@link LeaderRegistry}'s lock when {@link #successor} takes this leader's references. */
    Leader replacedBy;
    private volatile boolean syncPaused;
    private boolean closed;

    private Leader(StoreOptions o, SqliteRuntime runtime, SqliteRuntime sessionRuntime, boolean ownsRuntimes, Boot.Opened opened) {
        this.options = o;
        this.runtime = runtime;
        this.sessionRuntime = sessionRuntime;
        this.ownsRuntimes = ownsRuntimes;
        this.database = new LeaderDatabase(opened);
        this.rebuilt = opened.rebuilt();
        this.replayed = opened.replayed();
        this.queue = new CommitQueue(opened.eventlog().head());
        Path dir = o.storeDirectory();
        this.writer = new LeaderWriter(queue, database, sessions, this, where(),
            "livestore-leader-" + (dir == null ? "memory" : dir.getFileName()));
        if (o.sync != null) {
            BackendLink link = o.sync.link.apply(new SyncOptions.LinkContext(o.storeId, o.clientId, o.sessionId, o.sync.payload));
            this.sync = new LeaderSync(o.schema, database, queue, sessions, this::exclusive, link, o.sync.onBackendIdMismatch, where());
            writer.listener(sync);
        } else {
            this.sync = null;
        }
        if (dir != null) {
            // a stopped runtime heals: the store restarts from its files (in memory there is nothing to restart from)
            runtime.onFailure(this::runtimeFailed);
            if (sessionRuntime != runtime) sessionRuntime.onFailure(this::runtimeFailed);
        }
        writer.start();
        if (sync != null) sync.start();
        this.exitHook = new Thread(this::drainAtExit, "livestore-leader-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Opens the store's files (on runtimes of its own unless the options give one) and starts the writer. */
    static Leader open(StoreOptions o) {
        return open(o, o.runtime == null, true);
    }

    /**
     * After a runtime failure: the same store from its files, on fresh runtimes of its own (a runtime
     * the options gave has failed), without waiting for a first sync.
     */
    static Leader reopen(StoreOptions o) {
        return open(o, true, false);
    }

    private static Leader open(StoreOptions o, boolean own, boolean awaitSync) {
        SqliteRuntime runtime = own ? SqliteRuntime.create() : o.runtime;
        SqliteRuntime sessionRuntime = null;
        try {
            sessionRuntime = own ? SqliteRuntime.create() : o.runtime;
            Leader leader = new Leader(o, runtime, sessionRuntime, own, Boot.open(runtime, o));
            if (awaitSync) leader.awaitInitialSync();
            return leader;
        } catch (RuntimeException | Error e) {
            if (own) {
                runtime.close();
                if (sessionRuntime != null) sessionRuntime.close();
            }
            throw e;
        }
    }

    Schema schema() {
        return options.schema;
    }

    StoreOptions options() {
        return options;
    }

    SqliteRuntime runtime() {
        return runtime;
    }

    SqliteRuntime sessionRuntime() {
        return sessionRuntime;
    }

    /** Whether opening the leader rebuilt the state from the eventlog, and how many events that replayed. */
    record BootReport(boolean rebuilt, long replayed) {
        static final BootReport NONE = new BootReport(false, 0);
    }

    /** The boot report for the first session that asks; {@link BootReport#NONE} for every later one. */
    synchronized BootReport claimBootReport() {
        if (bootReported) return BootReport.NONE;
        bootReported = true;
        return new BootReport(rebuilt, replayed);
    }

    // ---- sessions ----

    /**
     * Registers a session once every accepted commit is persisted, handing {@code load} an image
     * of the state first, so that the session misses nothing and repeats nothing.
     */
    void join(SessionEvents session, Consumer<byte[]> load) {
        quiesced(() -> {
            load.accept(database.snapshot().image());
            sessions.add(session);
            return null;
        });
    }

    void leave(SessionEvents session) {
        sessions.remove(session);
    }

    // ---- commits ----

    void awaitRoom() {
        queue.awaitRoom();
    }

    /** The newest accepted event's number: the local head. */
    SeqNum head() {
        return queue.head();
    }

    /**
     * Accepts a commit: under the commit lock, {@code materialize} gets the local head and returns
     * the numbered, materialized events; they are queued for the writer and the other sessions.
     *
     * @return the commit's ticket
     */
    long commit(SessionEvents origin, Function<SeqNum, List<PendingCommit.Item>> materialize) {
        commitLock.lock();
        try {
            if (runtimeFailure != null) throw new Retired();
            queue.checkUsable();
            PendingCommit pc = queue.accept(origin, materialize.apply(queue.head()));
            sessions.accepted(pc);
            return pc.ticket();
        } finally {
            commitLock.unlock();
        }
    }

    long acceptedTicket() {
        return queue.acceptedTicket();
    }

    /** Waits until {@code ticket} is persisted or lost; returns the failure that lost it, or null. */
    LeaderFailure awaitSettled(long ticket) {
        if (writer.isCurrentThread()) {
            throw new StoreException(StoreException.Kind.MISUSE,
                "cannot wait for the leader from a subscription callback it runs (it would wait for itself)");
        }
        return queue.awaitSettled(ticket);
    }

    /** Runs {@code action} holding the commit lock with every accepted commit persisted (or lost). */
    private <T> T quiesced(Supplier<T> action) {
        while (true) {
            awaitSettled(queue.acceptedTicket());
            commitLock.lock();
            try {
                if (queue.idle()) {
                    queue.checkUsable();
                    return action.get();
                }
            } finally {
                commitLock.unlock();
            }
        }
    }

    /**
     * A batch failed to persist: the transaction is rolled back (SQLite leaves both files as they
     * were), so every commit not on disk is lost. Sessions go back to the persisted state and report
     * the loss on their next commit or flush; the store goes on from the persisted head.
     */
    @Override
    public void recover(List<PendingCommit> batch, Throwable cause) {
        List<SessionEvents> told;
        commitLock.lock();
        try {
            List<PendingCommit> unsettled = queue.takeUnsettled(batch);
            LeaderDatabase.Snapshot files = database.snapshot();   // what the files hold, whatever the error said
            List<String> lost = new ArrayList<>();
            Set<String> written = new LinkedHashSet<>();
            for (PendingCommit pc : unsettled) {
                for (PendingCommit.Item item : pc.items()) {
                    if (item.event().seqNum().compareTo(files.head()) <= 0) continue;
                    lost.add(item.event().seqNum() + " " + item.event().name());
                    written.addAll(item.tables());
                }
            }
            StoreException error = new StoreException(StoreException.Kind.PERSISTENCE_FAILED, "the leader of " + where()
                + " could not persist " + lost.size() + " event(s) [" + shortList(lost) + "]: " + cause.getMessage()
                + "; every session was rolled back to the persisted head " + files.head(), cause);
            LOG.log(System.Logger.Level.ERROR, error.getMessage(), cause);
            LeaderFailure failure = new LeaderFailure(unsettled.get(0).ticket(), unsettled.get(unsettled.size() - 1).ticket(), error);
            told = sessions.reloaded(files.image(), written, failure);
            queue.lost(failure, files.head());   // only now, with every session told, may waiting flushes and commits go on
        } finally {
            commitLock.unlock();
        }
        Sessions.deliverPending(told);
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 20) return String.join(", ", names);
        return String.join(", ", names.subList(0, 10)) + ", ... " + String.join(", ", names.subList(names.size() - 5, names.size()));
    }

    private String where() {
        Path dir = options.storeDirectory();
        return dir == null ? "the in-memory store " + options.storeId : dir.toString();
    }

    /** On the writer thread: runs {@code action} holding the commit lock, with every accepted commit persisted first. */
    private void exclusive(Runnable action) {
        commitLock.lock();
        try {
            writer.persistQueued();
            action.run();
        } finally {
            commitLock.unlock();
        }
    }

    // ---- sync ----

    SyncStatus syncStatus() {
        return sync == null ? SyncStatus.disabled(queue.head()) : sync.board().get();
    }

    /** With {@link SyncOptions.Builder#initialSync}: waits (bounded) for the first pulled burst; goes on offline after the timeout. */
    private void awaitInitialSync() {
        if (sync == null || options.sync.initialSyncTimeout.isZero()) return;
        try {
            if (!sync.board().awaitFirstBurst(options.sync.initialSyncTimeout)) {
                LOG.log(System.Logger.Level.WARNING, "the first sync of " + where() + " did not finish in " + options.sync.initialSyncTimeout
                    + "; the store opens with what it has");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sync status board, or null for a local-only store. */
    SyncStatusBoard syncBoard() {
        return sync == null ? null : sync.board();
    }

    void pauseSync(boolean pause) {
        syncPaused = pause;
        if (sync != null) sync.pause(pause);
    }

    boolean syncPaused() {
        return syncPaused;
    }

    // ---- reads of the persisted databases ----

    /** Runs {@code read} on the persisted connection once everything accepted so far is persisted. */
    <T> T persisted(Function<StatementCache, T> read) {
        awaitSettled(queue.acceptedTicket());
        return database.read(read);
    }

    List<StoredEvent> events() {
        awaitSettled(queue.acceptedTicket());
        return database.events();
    }

    long syncHead() {
        awaitSettled(queue.acceptedTicket());
        return database.syncHead();
    }

    /**
     * LiveStore's rollback on the persisted databases, with every accepted commit persisted first;
     * then every session reloads the state.
     */
    List<StoredEvent> rollback(int n) {
        List<SessionEvents> told = new ArrayList<>();
        List<StoredEvent> undone = quiesced(() -> {
            LeaderDatabase.RolledBack r = database.rollback(n);
            queue.resetHead(r.after().head());
            told.addAll(sessions.reloaded(r.after().image(), r.written(), null));
            return r.events();
        });
        Sessions.deliverPending(told);
        return undone;
    }

    // ---- a runtime that failed ----

    /** Thrown by {@link #commit} on a leader whose runtime failed: nothing was accepted; commit again on {@link #current()}. */
    static final class Retired extends RuntimeException {
        Retired() {
            super("the leader's runtime failed; it is being replaced", null, false, false);
        }
    }

    /** Called by a runtime that stopped, on the failing thread inside its call: the restart runs on a thread of its own. */
    private void runtimeFailed(SqliteException e) {
        synchronized (this) {
            if (runtimeFailure != null || closed) return;
            runtimeFailure = e;
        }
        LOG.log(System.Logger.Level.ERROR, "the SQLite runtime of the leader of " + where() + " failed (" + e.getMessage()
            + "); restarting the store from its files", e);
        Thread t = new Thread(() -> LeaderRestart.run(this), "livestore-leader-restart");
        t.setDaemon(true);
        t.start();
    }

    /** The runtime failure that retires this leader, or null. */
    SqliteException runtimeFailure() {
        return runtimeFailure;
    }

    /**
     * This leader, or, once its runtime failed, the one that replaced it (waiting for the restart).
     * The writer thread never waits for the restart (the restart waits for it): it gets an error.
     */
    Leader current() {
        Leader l = this;
        while (l.runtimeFailure != null) {
            if (l.writer.isCurrentThread()) {
                throw new StoreException(StoreException.Kind.CLOSED, "the SQLite runtime of the leader of " + where()
                    + " failed; the store is restarting (" + l.runtimeFailure.getMessage() + ")", l.runtimeFailure);
            }
            try {
                l = l.successor.get();
            } catch (ExecutionException e) {
                throw new StoreException(StoreException.Kind.OPEN_FAILED, "the SQLite runtime of the leader of " + where()
                    + " failed (" + l.runtimeFailure.getMessage() + ") and the store could not restart from its files: "
                    + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Kind.CLOSED, "interrupted while the store restarted", e);
            }
        }
        return l;
    }

    /** The sessions to move to the successor. */
    List<SessionEvents> sessions() {
        return sessions.all();
    }

    /**
     * Stops this leader after its runtime failed: no commit is accepted any more; the writer persists
     * what it still can; files, locks and runtimes are released. Returns the newest accepted event's
     * number, to tell what the files lack.
     */
    SeqNum retire() {
        commitLock.lock();
        commitLock.unlock();   // a commit in progress is accepted or refused before the queue closes
        close();
        return queue.head();
    }

    // ---- closing ----

    /**
     * On a normal JVM exit with sessions still open, waits (a bounded time) for the writer to
     * persist what was committed: the writer is a daemon and would otherwise stop mid-queue.
     * A kill -9 loses the unpersisted commits, and the files stay consistent.
     */
    private void drainAtExit() {
        try {
            int left = queue.drain(System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_DRAIN_SECONDS));
            if (left > 0) {
                LOG.log(System.Logger.Level.WARNING, "JVM exit: " + left + " committed event(s) of " + where()
                    + " were not persisted in " + EXIT_DRAIN_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Persists what is queued, stops the writer and closes the files (and the runtimes it created). */
    void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // closing from another shutdown hook: ours runs too and finds nothing left to wait for
        }
        if (sync != null) sync.close();
        queue.close();
        writer.join();
        RuntimeException failure = null;
        try {
            database.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (ownsRuntimes) {
            runtime.close();
            sessionRuntime.close();
        }
        if (failure != null && runtimeFailure == null) throw failure;   // after a runtime failure: released anyway
    }
}
