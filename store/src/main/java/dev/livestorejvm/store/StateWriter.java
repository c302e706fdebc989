package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Materializes one event on a state database ({@code materializeEvent}): runs its materializer
 * (which may read the state), checks the tables its writes declare and runs them. Runs inside the
 * caller's transaction, which a refused write must roll back. How the writes are checked and
 * recorded is the {@link WriteMode}'s job: the leader's {@link ChangesetJournal} captures a
 * changeset of each event (and can undo it), a replica's {@link ReplicaWriteCheck} keeps none.
 */
final class StateWriter {
    private final StatementCache sql;
    private final Schema schema;
    private final WriteMode mode;
    private final ChangesetJournal journal;

    /** How an event's writes run: {@code writes} runs them, the mode checks and records them. */
    interface WriteMode {
        Applied execute(Planned p, Runnable writes);

        /** False if {@code p}'s writes may run in SQLite's own statement transaction, outside any other. */
        default boolean needsTransaction(Planned p) {
            return true;
        }

        /** The database schema may have changed outside materializers: what the mode knows of it (triggers) is read again. */
        void schemaMayHaveChanged();
    }

    /** A writer for the leader ({@code journal}: changesets kept) or for a replica. */
    StateWriter(Database db, StatementCache sql, Schema schema, boolean journal) {
        this.sql = sql;
        this.schema = schema;
        this.journal = journal ? new ChangesetJournal(db, sql) : null;
        this.mode = journal ? this.journal : new ReplicaWriteCheck(db, sql);
    }

    /** The writes an event's materializer asks for, with the tables they declare. */
    record Planned(String what, SeqNum seq, List<Write> writes, Set<String> declared) {}

    /** What materializing one event did: the tables it declared and, on the leader, its changeset (null if none). */
    record Applied(Set<String> tables, Changeset changeset) {}

    Applied apply(EventDef<?> def, Object args, SeqNum seq) {
        return execute(plan(def, args, seq));
    }

    /** Runs and records the writes of a {@link #plan}. */
    Applied execute(Planned p) {
        return mode.execute(p, () -> runWrites(p));
    }

    /** Whether {@link #execute} of {@code p} must run inside a transaction (see {@link WriteMode#needsTransaction}). */
    boolean needsTransaction(Planned p) {
        return mode.needsTransaction(p);
    }

    /**
     * {@link #apply} for an event confirmed by the backend within the current transaction, which is
     * never undone: on the leader it keeps no changeset when it can do without one
     * ({@link ChangesetJournal#executeConfirmed}).
     */
    Applied applyConfirmed(EventDef<?> def, Object args, SeqNum seq) {
        if (journal == null) return apply(def, args, seq);
        Planned p = plan(def, args, seq);
        return journal.executeConfirmed(p, () -> runWrites(p));
    }

    /** The leader's changesets, to undo events; null on a replica. */
    ChangesetJournal journal() {
        return journal;
    }

    /** Runs the materializer (which may read the state) and checks the tables it declares. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Planned plan(EventDef<?> def, Object args, SeqNum seq) {
        Materializer m = schema.materializer(def.name());
        String what = "event " + def.name() + " (" + seq + ")";
        Materializer.Context ctx = new Materializer.Context() {
            @Override
            public <T> T query(Query<T> q) {
                return run(q, what);
            }

            @Override
            public SeqNum seqNum() {
                return seq;
            }

            @Override
            public String eventName() {
                return def.name();
            }
        };
        List<Write> writes;
        try {
            writes = (List<Write>) m.materialize(args, ctx);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "materializer of " + what + " failed: " + e, e);
        }
        if (writes == null) writes = List.of();
        Set<String> declared = new LinkedHashSet<>();
        for (Write w : writes) {
            for (String t : w.writeTables()) {
                if (!schema.hasTable(t)) throw new StoreException(StoreException.Kind.SCHEMA, "materializer of " + what
                    + " writes table " + t + ", which is not in the schema");
                declared.add(t);
            }
        }
        return new Planned(what, seq, writes, declared);
    }

    /** The database schema changed outside materializers (tests): triggers are looked for again. */
    void schemaChanged() {
        mode.schemaMayHaveChanged();
    }

    /** How many changesets were written without a session (see {@link InsertCapture}). */
    long insertsRecordedWithoutSession() {
        return journal == null ? 0 : journal.insertsRecordedWithoutSession();
    }

    private void runWrites(Planned p) {
        for (Write w : p.writes()) {
            try {
                sql.write(w.sql(), w.bindValues());
            } catch (SqliteException e) {
                if (e.getCause() instanceof StoreException se) throw se;   // the update hook refused a table
                throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "materializer of " + p.what() + " failed on "
                    + w.sql() + ": " + e.getMessage(), e);
            }
        }
    }

    <T> T run(Query<T> q, String context) {
        return q.decode(read(q, context));
    }

    Rows rows(Query<?> q) {
        return read(q, null);
    }

    private Rows read(Query<?> q, String context) {
        if (q instanceof Select && !schema.hasTable(((Select) q).table().name())) {
            throw new StoreException(StoreException.Kind.SCHEMA, "query on table " + ((Select) q).table().name()
                + ", which is not in the schema");
        }
        try {
            return sql.read(q.sql(), q.bindValues());
        } catch (SqliteException e) {
            throw new StoreException(StoreException.Kind.QUERY_FAILED, "query failed" + (context == null ? "" : " in " + context)
                + ": " + e.getMessage() + " (" + q.sql() + ")", e);
        }
    }
}
