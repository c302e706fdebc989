package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ChangesetEntry;
import dev.livestorejvm.sqlite.ConflictHandler;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.TransactionMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The leader of a store: one per store directory per JVM (per {@link StoreOptions} in memory),
 * shared by its sessions ({@link Store}s) and closed with the last of them. It owns the persisted
 * connection (state as {@code main}, eventlog attached, both held exclusively) and a writer thread
 * that persists the commits sessions accepted: a whole batch of them in one transaction over both
 * files (group commit: one set of syncs per batch), re-materializing each event as LiveStore's
 * leader does, so the state and {@code __livestore_session_changeset} are those of a one-by-one commit.
 *
 * <p>Locks, always taken in this order: {@link #commitLock} (one accepting commit at a time, across
 * sessions: it gives out the sequence numbers), a session's lock, {@code queueLock}. {@code dbLock}
 * guards the persisted connection and is never held while taking another.
 */
final class Leader {
    private static final System.Logger LOG = System.getLogger(Leader.class.getName());
    /** Events persisted in one transaction at most. */
    private static final int MAX_BATCH_EVENTS = 1000;
    /** Accepted events not yet persisted before committers wait (back-pressure). */
    private static final int MAX_QUEUED_EVENTS = 20_000;
    private static final Map<Object, Leader> OPEN = new HashMap<>();

    final StoreOptions options;
    final Schema schema;
    private final Object key;
    private final SqliteRuntime runtime;
    private final boolean ownsRuntime;
    /** Where the sessions' replicas live: a runtime of their own, so the leader's syncs never block a session's reads. */
    final SqliteRuntime sessionRuntime;
    private final boolean ownsSessionRuntime;
    private final Database db;
    private final StatementCache sql;
    private final Eventlog eventlog;
    private final StateWriter state;
    final boolean rebuilt;
    final long replayed;
    private int refs;
    private boolean bootReported;

    final ReentrantLock commitLock = new ReentrantLock();
    private final ReentrantLock dbLock = new ReentrantLock();
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition changed = queueLock.newCondition();
    private final ArrayDeque<PendingCommit> queue = new ArrayDeque<>();
    private int unsettledEvents;
    private long acceptedTicket;
    private long settledTicket;
    private SeqNum acceptedHead;
    private final List<LeaderFailure> failures = new ArrayList<>();
    private StoreException broken;
    private boolean closing;
    private final List<Store> sessions = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private final Thread exitHook;
    private static final int EXIT_DRAIN_SECONDS = 30;

    private Leader(StoreOptions o, Object key) {
        this.options = o;
        this.schema = o.schema;
        this.key = key;
        this.ownsRuntime = o.runtime == null;
        this.ownsSessionRuntime = ownsRuntime;
        this.runtime = ownsRuntime ? SqliteRuntime.create() : o.runtime;
        try {
            this.sessionRuntime = ownsRuntime ? SqliteRuntime.create() : o.runtime;
        } catch (RuntimeException | Error e) {
            if (ownsRuntime) runtime.close();
            throw e;
        }
        try {
            Boot.Opened opened = Boot.open(runtime, o);
            this.db = opened.db();
            this.sql = opened.sql();
            this.eventlog = opened.eventlog();
            this.state = opened.state();
            this.rebuilt = opened.rebuilt();
            this.replayed = opened.replayed();
            this.acceptedHead = eventlog.head();
        } catch (RuntimeException | Error e) {
            if (ownsRuntime) {
                runtime.close();
                sessionRuntime.close();
            }
            throw e;
        }
        Path dir = o.storeDirectory();
        this.writer = new Thread(this::writeLoop, "livestore-leader-" + (dir == null ? "memory" : dir.getFileName()));
        writer.setDaemon(true);
        writer.start();
        this.exitHook = new Thread(this::drainAtExit, "livestore-leader-exit");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /**
     * On a normal JVM exit with sessions still open, waits (a bounded time) for the writer to
     * persist what was committed: the writer is a daemon and would otherwise stop mid-queue.
     * A kill -9 loses the unpersisted commits, and the files stay consistent.
     */
    private void drainAtExit() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_DRAIN_SECONDS);
        queueLock.lock();
        try {
            while (settledTicket < acceptedTicket && broken == null && !closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(System.Logger.Level.WARNING, "JVM exit: " + unsettledEvents + " committed event(s) of " + where()
                        + " were not persisted in " + EXIT_DRAIN_SECONDS + " s");
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queueLock.unlock();
        }
    }

    /** The leader of {@code o}'s store, opened if this JVM has none; every call must be paired with {@link #release}. */
    static Leader acquire(StoreOptions o) {
        Object key = o;
        Path dir = o.storeDirectory();
        if (dir != null) {
            try {
                Files.createDirectories(dir);
                key = dir.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create store directory " + dir, e);
            }
        }
        synchronized (OPEN) {
            Leader l = OPEN.get(key);
            if (l == null) {
                l = new Leader(o, key);
                OPEN.put(key, l);
            } else if (!l.schema.stateFileName().equals(o.schema.stateFileName())) {
                throw new StoreException("store directory " + dir + " is in use by another store of this process with another schema ("
                    + l.schema.stateFileName() + ", not " + o.schema.stateFileName() + ")");
            }
            l.refs++;
            return l;
        }
    }

    void release() {
        synchronized (OPEN) {
            if (--refs > 0) return;
            OPEN.remove(key);
        }
        shutdown();
    }

    // ---- sessions ----

    /**
     * Loads a session's replica and registers it, when every accepted commit is persisted, so that
     * the session misses nothing and repeats nothing.
     */
    void join(Store session) {
        quiesced(() -> {
            session.load(image());
            sessions.add(session);
            return null;
        });
    }

    /** True once: for the first session, which reports whether opening the leader rebuilt the state. */
    synchronized boolean claimBootReport() {
        boolean first = !bootReported;
        bootReported = true;
        return first;
    }

    void leave(Store session) {
        sessions.remove(session);
    }

    // ---- commits ----

    /** Waits while too many accepted events wait for the writer. Called without locks. */
    void awaitRoom() {
        queueLock.lock();
        try {
            while (unsettledEvents >= MAX_QUEUED_EVENTS && !closing && broken == null) changed.awaitUninterruptibly();
        } finally {
            queueLock.unlock();
        }
    }

    /** The newest accepted event's number: the local head. */
    SeqNum head() {
        queueLock.lock();
        try {
            return acceptedHead;
        } finally {
            queueLock.unlock();
        }
    }

    void checkUsable() {
        if (broken != null) throw new StoreException(broken.getMessage(), broken);
    }

    /**
     * Takes a commit a session has materialized (called under {@link #commitLock}): queues it for
     * the writer and for the other sessions. Returns its ticket.
     */
    long accept(Store origin, List<PendingCommit.Item> items) {
        PendingCommit pc;
        queueLock.lock();
        try {
            pc = new PendingCommit(++acceptedTicket, origin, items);
            queue.add(pc);
            unsettledEvents += items.size();
            acceptedHead = pc.last();
            changed.signalAll();
        } finally {
            queueLock.unlock();
        }
        for (Store s : sessions) if (s != origin) s.inbox.add(pc);
        return pc.ticket();
    }

    long acceptedTicket() {
        queueLock.lock();
        try {
            return acceptedTicket;
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * Waits until commit {@code ticket} (and all before it) is persisted or lost; returns the
     * failure that lost it, or null if it is on disk.
     */
    LeaderFailure awaitSettled(long ticket) {
        if (Thread.currentThread() == writer) {
            throw new StoreException("cannot wait for the leader from a subscription callback it runs (it would wait for itself)");
        }
        queueLock.lock();
        try {
            while (settledTicket < ticket) {
                if (broken != null) throw new StoreException(broken.getMessage(), broken);
                changed.awaitUninterruptibly();
            }
            for (LeaderFailure f : failures) if (f.covers(ticket)) return f;
            return null;
        } finally {
            queueLock.unlock();
        }
    }

    /** Runs {@code action} holding {@link #commitLock} with every accepted commit persisted (or lost). */
    private <T> T quiesced(Supplier<T> action) {
        while (true) {
            awaitSettled(acceptedTicket());
            commitLock.lock();
            boolean idle;
            queueLock.lock();
            try {
                idle = settledTicket == acceptedTicket;
            } finally {
                queueLock.unlock();
            }
            try {
                if (idle) {
                    checkUsable();
                    return action.get();
                }
            } finally {
                commitLock.unlock();
            }
        }
    }

    // ---- the writer ----

    private void writeLoop() {
        while (true) {
            List<PendingCommit> batch = new ArrayList<>();
            int events = 0;
            queueLock.lock();
            try {
                while (queue.isEmpty() && !closing) changed.awaitUninterruptibly();
                if (queue.isEmpty()) return;
                while (!queue.isEmpty() && (batch.isEmpty() || events + queue.peek().items().size() <= MAX_BATCH_EVENTS)) {
                    PendingCommit pc = queue.poll();
                    batch.add(pc);
                    events += pc.items().size();
                }
            } finally {
                queueLock.unlock();
            }
            Throwable failure = null;
            dbLock.lock();
            try {
                persist(batch);
            } catch (Throwable t) {
                failure = t;
            } finally {
                dbLock.unlock();
            }
            if (failure == null) {
                queueLock.lock();
                try {
                    settledTicket = batch.get(batch.size() - 1).ticket();
                    unsettledEvents -= events;
                    changed.signalAll();
                } finally {
                    queueLock.unlock();
                }
                for (Store s : sessions) s.catchUp();
            } else {
                try {
                    recover(batch, failure);
                } catch (Throwable t) {
                    t.addSuppressed(failure);
                    LOG.log(System.Logger.Level.ERROR, "the leader of " + where() + " could not recover from a failed write", t);
                    queueLock.lock();
                    try {
                        broken = new StoreException("the leader of " + where() + " failed and could not recover: " + t.getMessage(), t);
                        changed.signalAll();
                    } finally {
                        queueLock.unlock();
                    }
                    return;
                }
            }
        }
    }

    /** One transaction over both files for the whole batch. */
    private void persist(List<PendingCommit> batch) {
        sql.transaction("BEGIN IMMEDIATE", () -> {
            for (PendingCommit pc : batch) {
                for (PendingCommit.Item item : pc.items()) {
                    state.apply(item.def(), item.args(), item.event().seqNum());
                    eventlog.insert(item.event());
                }
            }
            return null;
        });
    }

    /**
     * A batch failed to persist: the transaction is rolled back (SQLite leaves both files as they
     * were), so every commit not on disk is lost. Sessions go back to the persisted state and report
     * the loss on their next commit or flush; the store goes on from the persisted head.
     */
    private void recover(List<PendingCommit> batch, Throwable cause) {
        List<Store> reloaded = new ArrayList<>();
        commitLock.lock();
        try {
            List<PendingCommit> unsettled = new ArrayList<>(batch);
            queueLock.lock();
            try {
                unsettled.addAll(queue);
                queue.clear();
            } finally {
                queueLock.unlock();
            }
            SeqNum head;
            byte[] image;
            dbLock.lock();
            try {
                head = eventlog.head();   // what the files hold, whatever the error said
                image = db.serialize();
            } finally {
                dbLock.unlock();
            }
            List<String> lost = new ArrayList<>();
            Set<String> written = new LinkedHashSet<>();
            for (PendingCommit pc : unsettled) {
                for (PendingCommit.Item item : pc.items()) {
                    if (item.event().seqNum().compareTo(head) <= 0) continue;
                    lost.add(item.event().seqNum() + " " + item.event().name());
                    written.addAll(item.tables());
                }
            }
            long from = unsettled.get(0).ticket();
            long to = unsettled.get(unsettled.size() - 1).ticket();
            StoreException error = new StoreException("the leader of " + where() + " could not persist " + lost.size() + " event(s) ["
                + shortList(lost) + "]: " + cause.getMessage() + "; every session was rolled back to the persisted head " + head, cause);
            LOG.log(System.Logger.Level.ERROR, error.getMessage(), cause);
            LeaderFailure failure = new LeaderFailure(from, to, error);
            for (Store s : sessions) {
                s.reload(image, written, failure);
                reloaded.add(s);
            }
            // only now, with every session told, may waiting flushes and commits go on
            queueLock.lock();
            try {
                failures.add(failure);
                acceptedHead = head;
                settledTicket = to;
                unsettledEvents = 0;
                changed.signalAll();
            } finally {
                queueLock.unlock();
            }
        } finally {
            commitLock.unlock();
        }
        for (Store s : reloaded) s.deliverPending();
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 20) return String.join(", ", names);
        return String.join(", ", names.subList(0, 10)) + ", ... " + String.join(", ", names.subList(names.size() - 5, names.size()));
    }

    private String where() {
        Path dir = options.storeDirectory();
        return dir == null ? "the in-memory store " + options.storeId : dir.toString();
    }

    // ---- reads of the persisted databases ----

    private byte[] image() {
        dbLock.lock();
        try {
            return db.serialize();
        } finally {
            dbLock.unlock();
        }
    }

    /** Runs {@code read} on the persisted connection once everything accepted so far is persisted. */
    <T> T persisted(java.util.function.Function<StatementCache, T> read) {
        awaitSettled(acceptedTicket());
        dbLock.lock();
        try {
            return read.apply(sql);
        } finally {
            dbLock.unlock();
        }
    }

    List<StoredEvent> events() {
        return persisted(s -> eventlog.all());
    }

    long syncHead() {
        return persisted(s -> eventlog.syncHead());
    }

    /**
     * LiveStore's rollback on the persisted databases, with every accepted commit persisted first:
     * applies the inverted changesets of the {@code n} newest events newest first and deletes their
     * rows, in one transaction; then every session reloads the state.
     */
    List<StoredEvent> rollback(int n) {
        List<Store> reloaded = new ArrayList<>();
        List<StoredEvent> undone = quiesced(() -> {
            Set<String> written = new LinkedHashSet<>();
            List<StoredEvent> events;
            byte[] image;
            dbLock.lock();
            try {
                events = db.transaction(TransactionMode.IMMEDIATE, () -> {
                    List<StoredEvent> newest = eventlog.newest(n);
                    for (StoredEvent e : newest) {
                        SeqNum s = e.seqNum();
                        List<Object> id = List.of(s.global(), s.client(), s.rebaseGeneration());
                        Rows r = sql.read("SELECT changeset FROM " + SystemTables.SESSION_CHANGESET
                            + " WHERE seqNumGlobal = ? AND seqNumClient = ? AND seqNumRebaseGeneration = ?", id);
                        for (Object[] row : r.values()) {
                            if (row[0] == null) continue;
                            Changeset cs = Changeset.of((byte[]) row[0]);
                            for (ChangesetEntry entry : cs.entries()) written.add(entry.table());
                            db.applyChangeset(cs.invert(), ConflictHandler.REPLACE_OR_OMIT);
                        }
                        sql.write("DELETE FROM " + SystemTables.SESSION_CHANGESET
                            + " WHERE seqNumGlobal = ? AND seqNumClient = ? AND seqNumRebaseGeneration = ?", id);
                        eventlog.delete(s);
                    }
                    return newest;
                });
                image = db.serialize();
                SeqNum head = eventlog.head();
                queueLock.lock();
                try {
                    acceptedHead = head;
                } finally {
                    queueLock.unlock();
                }
            } finally {
                dbLock.unlock();
            }
            for (Store s : sessions) {
                s.reload(image, written, null);
                reloaded.add(s);
            }
            return events;
        });
        for (Store s : reloaded) s.deliverPending();
        return undone;
    }

    // ---- closing ----

    private void shutdown() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // closing from another shutdown hook: ours runs too and finds nothing left to wait for
        }
        queueLock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            queueLock.unlock();
        }
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        dbLock.lock();
        try {
            sql.close();
            db.close();
        } finally {
            dbLock.unlock();
        }
        if (ownsRuntime) runtime.close();
        if (ownsSessionRuntime) sessionRuntime.close();
        if (interrupted) Thread.currentThread().interrupt();
    }
}
