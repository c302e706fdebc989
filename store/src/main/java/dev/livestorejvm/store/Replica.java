package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.util.function.Supplier;

/**
 * A session's in-memory copy of the state database, loaded from an image of the leader's: all of a
 * session's reads run here, and its commits are materialized here first. Not thread-safe: the
 * owning {@link Store} serializes access.
 */
final class Replica implements AutoCloseable {
    final Database db;
    final StatementCache sql;
    final StateWriter state;

    private Replica(Database db, Schema schema) {
        this.db = db;
        this.sql = new StatementCache(db);
        this.state = new StateWriter(db, sql, schema, false);
    }

    /** A replica holding {@code image} (an {@code sqlite3_serialize} of the leader's state database). */
    static Replica load(SqliteRuntime runtime, Schema schema, byte[] image) {
        Database db = runtime.open(":memory:");
        try {
            db.deserialize(image);
            db.exec("PRAGMA foreign_keys=ON");
            return new Replica(db, schema);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** Runs {@code body} in a transaction, committed if it returns and rolled back if it throws. */
    <T> T transaction(Supplier<T> body) {
        return sql.transaction("BEGIN", body);
    }

    /**
     * Materializes one event alone (a commit of one event): in a transaction only if its writes need
     * one ({@link StateWriter#needsTransaction}); its materializer's reads run before it.
     */
    StateWriter.Applied applyAlone(EventDef<?> def, Object args, SeqNum seq) {
        StateWriter.Planned p = state.plan(def, args, seq);
        return state.needsTransaction(p) ? transaction(() -> state.execute(p)) : state.execute(p);
    }

    /**
     * Materializes another session's commit here, as LiveStore's sessions materialize the events
     * the leader passes on: replicas see the same events in the same order, so they reach the same
     * state, rowids included.
     */
    void applyFromOtherSession(PendingCommit pc) {
        transaction(() -> {
            for (PendingCommit.Item item : pc.items()) state.apply(item.def(), item.args(), item.event().seqNum());
            return null;
        });
    }

    @Override
    public void close() {
        sql.close();
        db.close();
    }
}
