package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ChangesetEntry;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Session;
import dev.livestorejvm.sqlite.SqliteException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Materializes one event on a state database ({@code materializeEvent}): runs its materializer's
 * writes and checks that they touched only the tables they declared. Runs inside the caller's
 * transaction, which a refused write must roll back.
 *
 * <p>On the leader's persisted state ({@code capture}) the writes run inside a session capture
 * and the changeset goes into {@code __livestore_session_changeset}, as LiveStore's leader does;
 * an event whose only write is one plain insert gets the same changeset bytes from
 * {@link InsertCapture} instead, without a session.
 * A session's replica keeps no changesets (it reloads the persisted state to roll back): it checks
 * the written tables with an update hook instead, which costs a callback per row where the session
 * extension prepares two statements per event, a cost the committing caller would pay.
 */
final class StateWriter {
    private static final String INSERT_CHANGESET = "INSERT INTO " + SystemTables.SESSION_CHANGESET
        + " (seqNumGlobal, seqNumClient, seqNumRebaseGeneration, changeset, debug) VALUES (?, ?, ?, ?, NULL)";
    private final Database db;
    private final StatementCache sql;
    private final Schema schema;
    private final boolean capture;
    /** On the leader: the changesets of one-insert events, written without a session. */
    private final InsertCapture inserts;
    /** While a replica runs an event's writes: the tables it declared, and its description. */
    private Set<String> allowed;
    private String running;

    StateWriter(Database db, StatementCache sql, Schema schema, boolean capture) {
        this.db = db;
        this.sql = sql;
        this.schema = schema;
        this.capture = capture;
        this.inserts = capture ? new InsertCapture(db, sql) : null;
        if (!capture) {
            db.updateHook((op, dbName, table, rowid) -> {
                if (allowed != null && "main".equals(dbName) && !allowed.contains(table)) {
                    throw new StoreException("materializer of " + running + " wrote table(s) [" + table
                        + "] that it did not declare (declared: " + allowed + ")");
                }
            });
        }
    }

    /** The writes an event's materializer asks for, with the tables they declare. */
    record Planned(String what, SeqNum seq, List<Write> writes, Set<String> declared) {}

    /** What materializing one event did: the tables it declared and, on the leader, its changeset (null if none). */
    record Applied(Set<String> tables, Changeset changeset) {}

    Applied apply(EventDef<?> def, Object args, SeqNum seq) {
        return execute(plan(def, args, seq));
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
            throw new StoreException("materializer of " + what + " failed: " + e, e);
        }
        if (writes == null) writes = List.of();
        Set<String> declared = new LinkedHashSet<>();
        for (Write w : writes) {
            for (String t : w.writeTables()) {
                if (!schema.hasTable(t)) throw new StoreException("materializer of " + what + " writes table " + t
                    + ", which is not in the schema");
                declared.add(t);
            }
        }
        return new Planned(what, seq, writes, declared);
    }

    Applied execute(Planned p) {
        if (!capture) {
            allowed = p.declared;
            running = p.what;
            try {
                runWrites(p);
            } finally {
                allowed = null;
            }
            return new Applied(p.declared, null);
        }
        Insert insert = inserts.candidate(p.writes);
        if (insert != null && inserts.proven(insert)) {
            runWrites(p);
            return recorded(p, inserts.capture(insert));
        }
        Changeset changeset;
        try (Session session = db.createSession()) {
            session.attach(null);
            runWrites(p);
            changeset = session.changeset();
        }
        Set<String> touched = new TreeSet<>();
        if (!changeset.isEmpty()) for (ChangesetEntry e : changeset.entries()) touched.add(e.table());
        touched.removeAll(p.declared);
        if (!touched.isEmpty()) {
            throw new StoreException("materializer of " + p.what + " wrote table(s) " + touched + " that it did not declare (declared: "
                + p.declared + ")");
        }
        if (insert != null) inserts.calibrate(insert, changeset);
        for (Write w : p.writes) if (w instanceof RawWrite) inserts.schemaMayHaveChanged();
        return recorded(p, changeset.isEmpty() ? null : changeset);
    }

    /** Stores the event's changeset (null: none) in {@code __livestore_session_changeset}. */
    private Applied recorded(Planned p, Changeset kept) {
        SeqNum seq = p.seq;
        sql.write(INSERT_CHANGESET, java.util.Arrays.asList(seq.global(), seq.client(), seq.rebaseGeneration(),
            kept == null ? null : kept.bytes()));
        return new Applied(p.declared, kept);
    }

    /** The database schema changed outside materializers (tests): triggers are looked for again. */
    void schemaChanged() {
        if (inserts != null) inserts.schemaMayHaveChanged();
    }

    /** How many changesets were written without a session (see {@link InsertCapture}). */
    long insertsRecordedWithoutSession() {
        return inserts == null ? 0 : inserts.captured();
    }

    private void runWrites(Planned p) {
        for (Write w : p.writes) {
            try {
                sql.write(w.sql(), w.bindValues());
            } catch (SqliteException e) {
                if (e.getCause() instanceof StoreException se) throw se;   // the update hook refused a table
                throw new StoreException("materializer of " + p.what + " failed on " + w.sql() + ": " + e.getMessage(), e);
            }
        }
    }

    <T> T run(Query<T> q, String context) {
        if (q instanceof Select && !schema.hasTable(((Select) q).table().name())) {
            throw new StoreException("query on table " + ((Select) q).table().name() + ", which is not in the schema");
        }
        Rows rows;
        try {
            rows = sql.read(q.sql(), q.bindValues());
        } catch (SqliteException e) {
            throw new StoreException("query failed" + (context == null ? "" : " in " + context) + ": " + e.getMessage()
                + " (" + q.sql() + ")", e);
        }
        return q.decode(rows);
    }

    Rows rows(Query<?> q) {
        if (q instanceof Select && !schema.hasTable(((Select) q).table().name())) {
            throw new StoreException("query on table " + ((Select) q).table().name() + ", which is not in the schema");
        }
        try {
            return sql.read(q.sql(), q.bindValues());
        } catch (SqliteException e) {
            throw new StoreException("query failed: " + e.getMessage() + " (" + q.sql() + ")", e);
        }
    }
}
