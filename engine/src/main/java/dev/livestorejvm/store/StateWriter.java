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
 * Materializes one event on a state database ({@code materializeEvent}): runs its
 * materializer's writes inside a session capture, checks that they touched only the tables they
 * declared, and (on the leader's persisted state) stores the changeset in
 * {@code __livestore_session_changeset}. Runs inside the caller's transaction.
 */
final class StateWriter {
    private static final String INSERT_CHANGESET = "INSERT INTO " + SystemTables.SESSION_CHANGESET
        + " (seqNumGlobal, seqNumClient, seqNumRebaseGeneration, changeset, debug) VALUES (?, ?, ?, ?, NULL)";
    private final Database db;
    private final StatementCache sql;
    private final Schema schema;
    private final boolean recordChangesets;

    /**
     * {@code recordChangesets}: write each changeset into {@code __livestore_session_changeset}, as
     * the leader does; a session's replica keeps them in memory only (as LiveStore's session does).
     */
    StateWriter(Database db, StatementCache sql, Schema schema, boolean recordChangesets) {
        this.db = db;
        this.sql = sql;
        this.schema = schema;
        this.recordChangesets = recordChangesets;
    }

    /** What materializing one event did: the tables it declared and the changeset it produced (null if none). */
    record Applied(Set<String> tables, Changeset changeset) {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    Applied apply(EventDef<?> def, Object args, SeqNum seq) {
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
        Changeset changeset;
        try (Session session = db.createSession()) {
            session.attach(null);
            for (Write w : writes) {
                try {
                    sql.write(w.sql(), w.bindValues());
                } catch (SqliteException e) {
                    throw new StoreException("materializer of " + what + " failed on " + w.sql() + ": " + e.getMessage(), e);
                }
            }
            changeset = session.changeset();
        }
        Set<String> touched = new TreeSet<>();
        if (!changeset.isEmpty()) for (ChangesetEntry e : changeset.entries()) touched.add(e.table());
        touched.removeAll(declared);
        if (!touched.isEmpty()) {
            throw new StoreException("materializer of " + what + " wrote table(s) " + touched + " that it did not declare (declared: "
                + declared + ")");
        }
        Changeset kept = changeset.isEmpty() ? null : changeset;
        if (recordChangesets) {
            sql.write(INSERT_CHANGESET, java.util.Arrays.asList(seq.global(), seq.client(), seq.rebaseGeneration(),
                kept == null ? null : kept.bytes()));
        }
        return new Applied(declared, kept);
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
