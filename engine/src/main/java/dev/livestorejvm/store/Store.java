package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ChangesetEntry;
import dev.livestorejvm.sqlite.ConflictHandler;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An event-sourced store with LiveStore 0.4.0's model and files: events are committed to the
 * eventlog and materialized into state tables; queries read the state, subscriptions follow it.
 *
 * <p>A commit is one SQLite transaction over both files: the state database is the connection's
 * {@code main} and the eventlog database is attached, so SQLite's super-journal commits both or
 * neither, even across a crash. Subscribers are called after the commit, on the committing thread.
 * All methods are thread-safe (one lock per store).
 */
public final class Store implements AutoCloseable {
    private final StoreOptions options;
    private final SqliteRuntime runtime;
    private final boolean ownsRuntime;
    private final Database db;
    private final StatementCache sql;
    private final Eventlog eventlog;
    private final StateWriter state;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean rebuilt;
    private final long replayed;
    private boolean closed;

    private Store(StoreOptions options, SqliteRuntime runtime, boolean ownsRuntime, Boot.Opened opened) {
        this.options = options;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.db = opened.db();
        this.sql = opened.sql();
        this.eventlog = opened.eventlog();
        this.state = opened.state();
        this.rebuilt = opened.rebuilt();
        this.replayed = opened.replayed();
    }

    /** Opens (creating if needed) the store; see {@link StoreOptions}. */
    public static Store open(StoreOptions options) {
        boolean owns = options.runtime == null;
        SqliteRuntime runtime = owns ? SqliteRuntime.create() : options.runtime;
        try {
            return new Store(options, runtime, owns, Boot.open(runtime, options));
        } catch (RuntimeException | Error e) {
            if (owns) runtime.close();
            throw e;
        }
    }

    public Schema schema() {
        return options.schema;
    }

    /** {@code <base>/<storeId>}, or null for an in-memory store. */
    public Path directory() {
        return options.storeDirectory();
    }

    /** True if this open rebuilt the state database from the eventlog. */
    public boolean wasRebuilt() {
        return rebuilt;
    }

    /** The number of events replayed by this open (0 unless {@link #wasRebuilt()}). */
    public long replayedEvents() {
        return replayed;
    }

    /**
     * Commits events in one transaction over both files: numbers them after the local head,
     * materializes each inside a session capture, stores its changeset and appends it to the
     * eventlog; then calls the subscriptions that read a written table. If anything fails (bad
     * arguments, unknown event, a materializer) nothing of the call remains and the
     * {@link StoreException} names the event.
     *
     * @return the sequence numbers given, in order
     */
    public List<SeqNum> commit(Event... events) {
        if (events.length == 0) return List.of();
        List<Prepared> prepared = new ArrayList<>(events.length);
        for (Event e : events) prepared.add(prepare(e));
        Set<String> written = new LinkedHashSet<>();
        List<SeqNum> numbers = new ArrayList<>(events.length);
        lock.lock();
        try {
            checkOpen();
            db.transaction(dev.livestorejvm.sqlite.TransactionMode.IMMEDIATE, () -> {
                SeqNum head = eventlog.head();
                for (Prepared p : prepared) {
                    SeqNum seq = head.next(p.def.isClientOnly());
                    SeqNum parent = head.parentOfNext(p.def.isClientOnly());
                    written.addAll(state.apply(p.def, p.args, seq));
                    eventlog.insert(new StoredEvent(seq, parent, p.def.name(), p.argsJson, options.clientId,
                        options.sessionId, p.def.schemaHash(), StoredEvent.NO_SYNC_METADATA));
                    numbers.add(seq);
                    head = seq;
                }
                return null;
            });
            subscriptions.refresh(written, state::rows);
        } catch (SqliteException e) {
            throw new StoreException("commit of " + names(events) + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        return numbers;
    }

    private record Prepared(EventDef<?> def, Object args, String argsJson) {}

    private Prepared prepare(Event e) {
        EventDef<?> def = options.schema.event(e.name());
        if (def == null) {
            throw new StoreException("unknown event " + e.name() + ": the schema defines " + options.schema.events().keySet());
        }
        if (e.argsJson() != null) {
            Object args = def.decode(e.argsJson());
            return new Prepared(def, args, def.encode(args));
        }
        String json = def.encode(e.args());
        return new Prepared(def, def.decode(json), json);
    }

    private static String names(Event[] events) {
        List<String> n = new ArrayList<>();
        for (Event e : events) n.add(e.name());
        return String.join(", ", n);
    }

    /** Runs a query on the current state. */
    public <T> T query(Query<T> query) {
        lock.lock();
        try {
            checkOpen();
            return state.run(query, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls {@code callback} with the query's result now, and again after each commit that writes a
     * table the query reads, if the result changed. Close the subscription to stop.
     */
    @SuppressWarnings("unchecked")
    public <T> Subscription subscribe(Query<T> query, Consumer<? super T> callback) {
        lock.lock();
        try {
            checkOpen();
            Set<String> tables = query.readTables();
            if (tables == null) {
                try {
                    tables = db.tablesUsed(query.sql());
                } catch (SqliteException e) {
                    throw new StoreException("query failed: " + e.getMessage() + " (" + query.sql() + ")", e);
                }
            }
            Rows first = state.rows(query);   // fails before registering if the query is bad
            Subscription s = subscriptions.add(query, tables, v -> callback.accept((T) v));
            s.last = first;
            Subscriptions.deliver(s, first);
            return s;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rolls back the {@code n} newest events (LiveStore's rollback): applies their inverted
     * changesets newest first (REPLACE on DATA/CONFLICT, OMIT on NOTFOUND/CONSTRAINT/FOREIGN_KEY)
     * and deletes their changeset and eventlog rows, in one transaction; subscriptions follow.
     *
     * @return the events rolled back, newest first
     */
    public List<StoredEvent> rollback(int n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0");
        Set<String> written = new LinkedHashSet<>();
        List<StoredEvent> undone;
        lock.lock();
        try {
            checkOpen();
            undone = db.transaction(dev.livestorejvm.sqlite.TransactionMode.IMMEDIATE, () -> {
                List<StoredEvent> events = eventlog.newest(n);
                for (StoredEvent e : events) {
                    SeqNum s = e.seqNum();
                    Rows r = sql.read("SELECT changeset FROM " + SystemTables.SESSION_CHANGESET
                        + " WHERE seqNumGlobal = ? AND seqNumClient = ? AND seqNumRebaseGeneration = ?",
                        List.of(s.global(), s.client(), s.rebaseGeneration()));
                    for (Object[] row : r.values()) {
                        if (row[0] == null) continue;
                        Changeset cs = Changeset.of((byte[]) row[0]);
                        for (ChangesetEntry entry : cs.entries()) written.add(entry.table());
                        db.applyChangeset(cs.invert(), ConflictHandler.REPLACE_OR_OMIT);
                    }
                    sql.write("DELETE FROM " + SystemTables.SESSION_CHANGESET
                        + " WHERE seqNumGlobal = ? AND seqNumClient = ? AND seqNumRebaseGeneration = ?",
                        List.of(s.global(), s.client(), s.rebaseGeneration()));
                    eventlog.delete(s);
                }
                return events;
            });
            subscriptions.refresh(written, state::rows);
        } finally {
            lock.unlock();
        }
        return undone;
    }

    /** The eventlog, oldest first. */
    public List<StoredEvent> events() {
        lock.lock();
        try {
            checkOpen();
            return eventlog.all();
        } finally {
            lock.unlock();
        }
    }

    /** The newest event's number ({@link SeqNum#ROOT} if none): the local head. */
    public SeqNum head() {
        lock.lock();
        try {
            checkOpen();
            return eventlog.head();
        } finally {
            lock.unlock();
        }
    }

    /** The last global number the sync backend confirmed (0 until sync exists). */
    public long syncHead() {
        lock.lock();
        try {
            checkOpen();
            return eventlog.syncHead();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) throw new StoreException("store is closed");
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            sql.close();
            db.close();
            if (ownsRuntime) runtime.close();
        } finally {
            lock.unlock();
        }
    }
}
