package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.SqliteException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A session of an event-sourced store with LiveStore 0.4.0's model and files: events are
 * committed to the eventlog and materialized into state tables; queries read the state,
 * subscriptions follow it.
 *
 * <p>As in LiveStore, a store has a leader and sessions. {@link #open} returns a session: it holds
 * an in-memory replica of the state database (loaded from a snapshot of the persisted one) on which
 * every query and subscription runs, synchronously. A commit numbers its events after the store's
 * head, materializes them on the replica, calls this session's subscriptions and hands the events
 * to the leader, then returns; the leader (one per store directory in this JVM, shared by its
 * sessions) persists accepted commits in batches, each batch one SQLite transaction over both files
 * (SQLite's super-journal commits both or neither, even across a crash), and then brings the other
 * sessions up to date. {@link #flush()} waits until everything committed so far is on disk;
 * {@link StoreOptions.Builder#synchronousCommits} makes every commit wait. If the leader cannot
 * persist (I/O error, disk full), every session returns to the persisted state and the next
 * commit, flush or close of each session throws a {@link StoreException} naming the lost events.
 *
 * <p>Open several sessions of one store with {@code Store.open} on the same directory (in memory:
 * the same {@link StoreOptions} object); they see each other's commits. All methods are
 * thread-safe; subscription callbacks run on the committing thread, or on the leader's thread for
 * other sessions' commits.
 *
 * <p>(Over 300 lines because it is the public API of a session: most of it is the contract each
 * method documents; the work is in {@link SessionCommit}, {@link Replica} and the leader's types.)
 */
public final class Store implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Store.class.getName());
    private final StoreOptions options;
    /** Replaced when the leader's runtime fails and the store restarts (see {@link LeaderRestart}). */
    private volatile Leader leader;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ReentrantLock lock = new ReentrantLock();
    /** Commits of other sessions not yet applied to this replica, in order. */
    private final Queue<PendingCommit> inbox = new ConcurrentLinkedQueue<>();
    /** What the leader tells this session; a separate object so that none of it is public API. */
    private final SessionEvents follower = new Follower();
    private final List<SyncListener> syncListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Leader.BootReport boot;
    private Replica replica;
    private LeaderFailure unreported;
    private boolean closed;

    private Store(StoreOptions options, Leader leader) {
        this.options = options;
        this.leader = leader;
        this.boot = leader.claimBootReport();
    }

    /**
     * Opens a session of the store (creating the store if needed); see {@link StoreOptions}. The
     * first session of a store directory in this JVM opens its leader (and its files, exclusively).
     */
    public static Store open(StoreOptions options) {
        Leader leader = acquireHealthy(options);
        try {
            Store store = new Store(options, leader);
            leader.join(store.follower, image -> store.replica = Replica.load(leader.sessionRuntime(), options.schema, image));
            return store;
        } catch (RuntimeException | Error e) {
            LeaderRegistry.release(leader);
            throw e;
        }
    }

    /** The store's leader, but not one whose runtime failed: that one is being replaced, so its successor. */
    private static Leader acquireHealthy(StoreOptions options) {
        while (true) {
            Leader leader = LeaderRegistry.acquire(options);
            if (leader.runtimeFailure() == null) return leader;
            LeaderRegistry.release(leader);
            try {
                leader.current();
            } catch (StoreException restartFailed) {
                // the next acquire opens the store afresh
            }
        }
    }

    public Schema schema() {
        return options.schema;
    }

    /** {@code <base>/<storeId>}, or null for an in-memory store. */
    public Path directory() {
        return options.storeDirectory();
    }

    /** True if opening this session rebuilt the state database from the eventlog (only ever the first session). */
    public boolean wasRebuilt() {
        return boot.rebuilt();
    }

    /** The number of events replayed by this open (0 unless {@link #wasRebuilt()}). */
    public long replayedEvents() {
        return boot.replayed();
    }

    /**
     * Commits events: numbers them after the store's head, materializes them on this session's
     * replica (all of them or none), calls the subscriptions that read a written table, and hands
     * them to the leader, which materializes them again on the persisted state inside session
     * captures and persists them with their changesets, soon after, in one transaction over both files. Returns without waiting for the disk unless
     * {@link StoreOptions.Builder#synchronousCommits}; see {@link #flush()}. If anything fails (bad
     * arguments, unknown event, a materializer) nothing of the call remains anywhere and the
     * {@link StoreException} names the event; it also reports commits the leader failed to persist.
     *
     * @return the sequence numbers given, in order
     */
    public List<SeqNum> commit(Event... events) {
        if (events.length == 0) return List.of();
        SessionCommit commit = SessionCommit.prepare(options, events);
        Set<String> written = new LinkedHashSet<>();
        List<SeqNum> numbers = new ArrayList<>(events.length);
        // This session's lock is taken inside the leader's commit lock (the lock order) and held
        // past it, until the subscriptions re-ran: other sessions may commit meanwhile.
        boolean[] locked = {false};
        long ticket;
        Leader leader;
        try {
            while (true) {
                leader = leader();
                leader.awaitRoom();
                try {
                    ticket = leader.commit(follower, head -> {
                        lock.lock();
                        locked[0] = true;
                        checkOpen();
                        reportFailure();
                        applyInbox();
                        List<PendingCommit.Item> items = commit.materialize(replica, head, written);
                        for (PendingCommit.Item item : items) numbers.add(item.event().seqNum());
                        return items;
                    });
                    break;
                } catch (Leader.Retired retired) {
                    // its runtime failed before this commit was accepted: commit on the leader that replaces it
                }
            }
            subscriptions.refresh(written, replica.state::rows);
        } finally {
            if (locked[0]) lock.unlock();
        }
        subscriptions.deliverPending();
        if (options.synchronousCommits) {
            LeaderFailure f = leader.awaitSettled(ticket);
            if (f != null) {
                markReported(f);
                throw new StoreException(f.error());
            }
        }
        return numbers;
    }

    /**
     * Waits until every commit made so far (by any session of this store) is persisted, then brings
     * this session up to date with the other sessions' commits. Throws a {@link StoreException}
     * naming the events if the leader failed to persist commits since this session last heard.
     */
    public void flush() {
        Leader leader = leader();
        leader.awaitSettled(leader.acceptedTicket());
        catchUp();
        lock.lock();
        try {
            checkOpen();
            reportFailure();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a query on this session's replica of the state. */
    public <T> T query(Query<T> query) {
        leader();   // if the runtime failed, waits until this session moved to the restarted leader
        lock.lock();
        try {
            checkOpen();
            return replica.state.run(query.forSession(options.sessionId), null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls {@code callback} with the query's result now, and again after each commit that writes a
     * table the query reads, if the result changed. Close the subscription to stop.
     */
    @SuppressWarnings("unchecked")
    public <T> Subscription subscribe(Query<T> given, Consumer<? super T> callback) {
        Query<T> query = given.forSession(options.sessionId);
        Subscription s;
        leader();   // see query
        lock.lock();
        try {
            checkOpen();
            Set<String> tables = query.readTables();
            if (tables == null) {
                try {
                    tables = replica.db.tablesUsed(query.sql());
                } catch (SqliteException e) {
                    throw new StoreException(StoreException.Kind.QUERY_FAILED, "query failed: " + e.getMessage() + " (" + query.sql() + ")", e);
                }
            }
            Rows first = replica.state.rows(query);   // fails before registering if the query is bad
            s = subscriptions.add(query, tables, v -> callback.accept((T) v), first);
        } finally {
            lock.unlock();
        }
        subscriptions.deliverPending();
        return s;
    }

    /**
     * Rolls back the {@code n} newest events (LiveStore's rollback), once everything committed is
     * persisted: applies their inverted changesets newest first (REPLACE on DATA/CONFLICT, OMIT on
     * NOTFOUND/CONSTRAINT/FOREIGN_KEY) and deletes their changeset and eventlog rows, in one
     * transaction; every session of the store follows, and its subscriptions.
     *
     * @return the events rolled back, newest first
     */
    public List<StoredEvent> rollback(int n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0");
        checkOpenLocked();
        return leader().rollback(n);
    }

    /** The eventlog, oldest first, once everything committed so far is persisted. */
    public List<StoredEvent> events() {
        checkOpenLocked();
        return leader().events();
    }

    /** The newest committed event's number ({@link SeqNum#ROOT} if none): the local head, persisted or not yet. */
    public SeqNum head() {
        checkOpenLocked();
        return leader().head();
    }

    /** The last global number the sync backend confirmed (0 until sync exists). */
    public long syncHead() {
        checkOpenLocked();
        return leader().syncHead();
    }

    /** Where this store stands with its sync backend ({@link SyncStatus#enabled()} is false for a local-only store). */
    public SyncStatus syncStatus() {
        checkOpenLocked();
        return leader().syncStatus();
    }

    /**
     * Calls {@code listener} with each new sync status (on the leader's threads; keep it short).
     *
     * @return closes the registration
     */
    public AutoCloseable onSyncStatus(Consumer<SyncStatus> listener) {
        SyncListener l = new SyncListener(listener);
        Leader leader = leader();   // before the lock: a restart moving this session takes it
        lock.lock();
        try {
            checkOpen();
            SyncStatusBoard board = leader.syncBoard();
            if (board == null) return () -> {};
            l.listenOn(board);
            syncListeners.add(l);
        } finally {
            lock.unlock();
        }
        return () -> {
            syncListeners.remove(l);
            l.stop();
        };
    }

    /** A sync status listener, moved to the new board when the store restarts. */
    private static final class SyncListener {
        private final Consumer<SyncStatus> listener;
        private Runnable remove = () -> {};

        SyncListener(Consumer<SyncStatus> listener) {
            this.listener = listener;
        }

        synchronized void listenOn(SyncStatusBoard board) {
            remove.run();
            remove = board == null ? () -> {} : board.listen(listener);
        }

        synchronized void stop() {
            remove.run();
            remove = () -> {};
        }
    }

    /**
     * Waits until every event committed so far is persisted and confirmed by the sync backend, at
     * most {@code timeout}; returns whether it is. True at once for a local-only store.
     */
    public boolean awaitSynced(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        flush();
        Leader leader = leader();
        SyncStatusBoard board = leader.syncBoard();
        if (board == null) return true;
        SeqNum head = leader.head();
        long left = deadline - System.nanoTime();
        return board.await(s -> s.isSynced() && s.localHead().compareTo(head) >= 0, java.time.Duration.ofNanos(Math.max(0, left)));
    }

    /** Stops pulling and pushing on purpose (offline); commits go on and wait to be pushed. */
    public void pauseSync() {
        checkOpenLocked();
        leader().pauseSync(true);
    }

    /** Pulls and pushes again after {@link #pauseSync()}. */
    public void resumeSync() {
        checkOpenLocked();
        leader().pauseSync(false);
    }

    /** Runs a query on the leader's persisted state, once everything committed so far is persisted: for tests. */
    <T> T queryPersisted(Query<T> query) {
        checkOpenLocked();
        return leader().persisted(sql -> query.decode(sql.read(query.sql(), query.bindValues())));
    }

    // ---- what the leader tells this session ----

    private final class Follower implements SessionEvents {
        @Override
        public void accepted(PendingCommit commit) {
            inbox.add(commit);
        }

        @Override
        public void persisted() {
            catchUp();
        }

        @Override
        public void reloaded(byte[] image, Set<String> written, LeaderFailure failure) {
            reload(image, written, failure);
        }

        @Override
        public void deliverPending() {
            subscriptions.deliverPending();
        }

        @Override
        public void restarted(Leader fresh, LeaderFailure lost) {
            moveTo(fresh, lost);
        }
    }

    /** The leader, or the one replacing it if its runtime failed (waits for the restart). */
    private Leader leader() {
        return leader.current();
    }

    /** The leader for tests (its runtimes). */
    Leader leaderForTests() {
        return leader;
    }

    /**
     * Joins {@code fresh}, which replaced the leader after a runtime failure: the replica is reloaded
     * from its persisted state (the old one may sit on the failed runtime), every query re-runs and
     * the subscriptions whose result changed are called; {@code lost} is reported once.
     */
    private void moveTo(Leader fresh, LeaderFailure lost) {
        lock.lock();   // before the fresh leader's commit lock: safe, no commit of this session can reach it until leader is set
        try {
            if (closed) return;
            fresh.join(follower, image -> {
                Replica loaded = Replica.load(fresh.sessionRuntime(), options.schema, image);
                closeQuietly(replica);
                replica = loaded;
                inbox.clear();
                leader = fresh;
                if (lost != null && unreported == null) unreported = lost;
                subscriptions.refresh(null, replica.state::rows);
            });
            for (SyncListener l : syncListeners) l.listenOn(fresh.syncBoard());
        } finally {
            lock.unlock();
        }
        subscriptions.deliverPending();
    }

    /** A replica on a failed runtime may not close cleanly; its memory goes with the runtime. */
    private static void closeQuietly(Replica r) {
        try {
            r.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a replica on a failed runtime", e);
        }
    }

    /** Applies the other sessions' commits that arrived, and delivers what changed. Called without locks. */
    private void catchUp() {
        lock.lock();
        try {
            if (closed) return;
            applyInbox();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "session could not apply another session's commit", e);
        } finally {
            lock.unlock();
        }
        subscriptions.deliverPending();
    }

    /** Under the lock: applies queued commits of other sessions in order, then re-runs the affected queries. */
    private void applyInbox() {
        if (inbox.isEmpty()) return;
        Set<String> written = new LinkedHashSet<>();
        for (PendingCommit pc; (pc = inbox.poll()) != null; ) {
            replica.applyFromOtherSession(pc);
            for (PendingCommit.Item item : pc.items()) written.addAll(item.tables());
        }
        subscriptions.refresh(written, replica.state::rows);
    }

    /** Replaces the replica with {@code image} of the persisted state and re-runs the queries on {@code written}. */
    private void reload(byte[] image, Set<String> written, LeaderFailure failure) {
        lock.lock();
        try {
            if (closed) return;
            if (written != null) {
                // everything in the inbox is in the image (or lost): its tables' queries re-run too
                Set<String> all = new LinkedHashSet<>(written);
                for (PendingCommit pc : inbox) for (PendingCommit.Item item : pc.items()) all.addAll(item.tables());
                written = all;
            }
            inbox.clear();
            Replica fresh = Replica.load(leader.sessionRuntime(), options.schema, image);
            closeQuietly(replica);
            replica = fresh;
            if (failure != null && (unreported == null || unreported.from() > failure.from())) unreported = failure;
            subscriptions.refresh(written, replica.state::rows);
        } finally {
            lock.unlock();
        }
    }

    private void reportFailure() {
        LeaderFailure f = unreported;
        if (f == null) return;
        unreported = null;
        throw new StoreException(f.error());
    }

    private void markReported(LeaderFailure f) {
        lock.lock();
        try {
            if (unreported == f) unreported = null;
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) throw new StoreException(StoreException.Kind.CLOSED, "store is closed");
    }

    private void checkOpenLocked() {
        lock.lock();
        try {
            checkOpen();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes, closes this session, and the leader with the last session. Throws (after closing) if
     * the leader failed to persist commits this session has not been told about.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        try {
            flush();
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            leader.leave(follower);
            inbox.clear();
            closeQuietly(replica);
            for (SyncListener l : syncListeners) l.stop();
        } finally {
            lock.unlock();
        }
        LeaderRegistry.release(leader);
        if (failure != null) throw failure;
    }
}
