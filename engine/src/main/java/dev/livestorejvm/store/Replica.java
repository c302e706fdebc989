package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ConflictHandler;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;

/**
 * A session's in-memory copy of the state database, loaded from an image of the leader's: all of a
 * session's reads run here, and its commits are materialized here first. Not thread-safe: the
 * owning {@link Store} serializes access.
 */
final class Replica implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Replica.class.getName());
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

    /**
     * Applies another session's changeset. Replicas see the same events in the same order, so a
     * conflict means they diverged: the changeset's values win (LiveStore's REPLACE/OMIT policy)
     * and it is logged.
     */
    void applyFromOtherSession(Changeset cs, SeqNum seq) {
        try {
            db.applyChangeset(cs, kind -> {
                LOG.log(System.Logger.Level.WARNING, "replica conflict " + kind + " applying " + seq + "; resolved by the changeset");
                return ConflictHandler.REPLACE_OR_OMIT.onConflict(kind);
            });
        } catch (SqliteException e) {
            throw new StoreException("applying " + seq + " from another session failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        sql.close();
        db.close();
    }
}
