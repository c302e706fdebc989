package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    private Leader(StoreOptions o, SqliteRuntime runtime, SqliteRuntime sessionRuntime, Boot.Opened opened) {
        this.options = o;
        this.runtime = runtime;
        this.sessionRuntime = sessionRuntime;
        this.ownsRuntimes = o.runtime == null;
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
        writer.start();
        if (sync != null) sync.start();
        this.exitHook = new Thread(this::drainAtExit, "livestore-leader-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /** Opens the store's files (on runtimes of its own unless the options give one) and starts the writer. */
    static Leader open(StoreOptions o) {
        boolean own = o.runtime == null;
        SqliteRuntime runtime = own ? SqliteRuntime.create() : o.runtime;
        SqliteRuntime sessionRuntime = null;
        try {
            sessionRuntime = own ? SqliteRuntime.create() : o.runtime;
            Leader leader = new Leader(o, runtime, sessionRuntime, Boot.open(runtime, o));
            leader.awaitInitialSync();
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
        if (sync != null) sync.pause(pause);
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
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // closing from another shutdown hook: ours runs too and finds nothing left to wait for
        }
        if (sync != null) sync.close();
        queue.close();
        writer.join();
        database.close();
        if (ownsRuntimes) {
            runtime.close();
            sessionRuntime.close();
        }
    }
}
