package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.TransactionMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The leader's persisted connection: the state database as {@code main} with the eventlog
 * attached, both held exclusively. Every use goes through one lock of its own, never held while
 * taking another.
 */
final class LeaderDatabase implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Database db;
    private final StatementCache sql;
    private final Eventlog eventlog;
    private final StateWriter state;

    LeaderDatabase(Boot.Opened opened) {
        this.db = opened.db();
        this.sql = opened.sql();
        this.eventlog = opened.eventlog();
        this.state = opened.state();
    }

    /**
     * Persists a batch of commits in one transaction over both files (group commit: one set of
     * syncs), re-materializing each event as LiveStore's leader does, so that the state and the
     * changesets are those of a one-by-one commit.
     */
    void persist(List<PendingCommit> batch) {
        lock.lock();
        try {
            sql.transaction("BEGIN IMMEDIATE", () -> {
                List<StoredEvent> rows = new ArrayList<>();
                for (PendingCommit pc : batch) {
                    for (PendingCommit.Item item : pc.items()) {
                        state.apply(item.def(), item.args(), item.event().seqNum());
                        rows.add(item.event());
                    }
                }
                eventlog.insertAll(rows);   // the eventlog is a file of its own: after the state, several rows per statement
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    /** What the files hold: the eventlog's head and an image of the state. */
    record Snapshot(SeqNum head, byte[] image) {}

    /** The state database's size in pages (what an image of it copies). */
    long pageCount() {
        return read(s -> (Long) s.values("PRAGMA main.page_count", List.of()).get(0)[0]);
    }

    Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(eventlog.head(), db.serialize());
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code read} on the persisted connection. */
    <T> T read(Function<StatementCache, T> read) {
        lock.lock();
        try {
            return read.apply(sql);
        } finally {
            lock.unlock();
        }
    }

    List<StoredEvent> events() {
        return read(s -> eventlog.all());
    }

    long syncHead() {
        return read(s -> eventlog.syncHead());
    }

    /** What a rollback did: the events undone (newest first), the tables they wrote, and the files afterwards. */
    record RolledBack(List<StoredEvent> events, Set<String> written, Snapshot after) {}

    /**
     * LiveStore's rollback: undoes the {@code n} newest events through their changesets, newest
     * first, and deletes their eventlog rows, in one transaction.
     */
    RolledBack rollback(int n) {
        lock.lock();
        try {
            Set<String> written = new LinkedHashSet<>();
            ChangesetJournal journal = state.journal();
            List<StoredEvent> events = db.transaction(TransactionMode.IMMEDIATE, () -> {
                List<StoredEvent> newest = eventlog.newest(n);
                for (StoredEvent e : newest) {
                    written.addAll(journal.undo(e.seqNum()));
                    eventlog.delete(e.seqNum());
                }
                return newest;
            });
            return new RolledBack(events, written, new Snapshot(eventlog.head(), db.serialize()));
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #applyUpstream} did, and (after a rollback) the files afterwards for the sessions to reload. */
    record UpstreamApplied(UpstreamWrite.Result result, Snapshot after) {}

    /** Applies a pulled burst in one transaction over both files; see {@link UpstreamChange}. */
    UpstreamApplied applyUpstream(UpstreamChange change, Schema schema) {
        lock.lock();
        try {
            UpstreamWrite.Result r = sql.transaction("BEGIN IMMEDIATE", () -> UpstreamWrite.write(change, schema, eventlog, state, sql));
            return new UpstreamApplied(r, change.rebases() ? new Snapshot(eventlog.head(), db.serialize()) : null);
        } finally {
            lock.unlock();
        }
    }

    /** The sync status as the files hold it: backend head and identity, and the events not yet confirmed. */
    record SyncStatusRow(long backendHead, String backendId, List<StoredEvent> pending) {}

    SyncStatusRow syncStatus() {
        return read(s -> {
            long head = eventlog.syncHead();
            return new SyncStatusRow(head, eventlog.backendId(), eventlog.above(head));
        });
    }

    /** What {@link #resetForNewBackend} did: the unconfirmed events it discarded, the tables it emptied, the files afterwards. */
    record Reset(List<StoredEvent> discarded, Set<String> tables, Snapshot after) {}

    /**
     * Forgets everything synced with a backend that is gone (LiveStore's {@code onBackendIdMismatch:
     * 'reset'}): deletes every eventlog row and changeset, empties the state tables and resets the
     * sync status, in one transaction, so that the store syncs again from the new backend.
     */
    Reset resetForNewBackend(Schema schema) {
        lock.lock();
        try {
            Set<String> tables = new LinkedHashSet<>();
            List<StoredEvent> discarded = db.transaction(TransactionMode.IMMEDIATE, () -> {
                List<StoredEvent> unconfirmed = eventlog.above(eventlog.syncHead());
                for (Table t : schema.tables()) {
                    sql.write("DELETE FROM \"" + t.name() + "\"", List.of());
                    tables.add(t.name());
                }
                sql.write("DELETE FROM " + SystemTables.SESSION_CHANGESET, List.of());
                eventlog.deleteAll();
                eventlog.setSyncStatus(0, null);
                return unconfirmed;
            });
            return new Reset(discarded, tables, new Snapshot(eventlog.head(), db.serialize()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            sql.close();
            db.close();
        } finally {
            lock.unlock();
        }
    }
}
