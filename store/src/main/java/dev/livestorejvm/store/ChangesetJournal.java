package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ChangesetEntry;
import dev.livestorejvm.sqlite.ConflictHandler;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Session;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leader's record of what each event did to the state, and its undo: materializing captures an
 * event's writes as a changeset in {@code __livestore_session_changeset} (as LiveStore's leader
 * does), and {@link #undo} applies an event's inverted changeset and forgets it (rollback now, the
 * rebase of sync). Both directions live here so that they stay each other's inverse.
 *
 * <p>An event whose only write is one plain insert gets the same changeset bytes from
 * {@link InsertCapture}, without the session extension; every other event runs inside a session.
 */
final class ChangesetJournal implements StateWriter.WriteMode {
    private static final String INSERT = "INSERT INTO " + SystemTables.SESSION_CHANGESET
        + " (seqNumGlobal, seqNumClient, seqNumRebaseGeneration, changeset, debug) VALUES (?, ?, ?, ?, NULL)";
    private static final String WHERE_EVENT = " WHERE seqNumGlobal = ? AND seqNumClient = ? AND seqNumRebaseGeneration = ?";
    private final Database db;
    private final StatementCache sql;
    private final InsertCapture inserts;

    ChangesetJournal(Database db, StatementCache sql) {
        this.db = db;
        this.sql = sql;
        this.inserts = new InsertCapture(db, sql);
    }

    @Override
    public StateWriter.Applied execute(StateWriter.Planned p, Runnable writes) {
        Insert insert = inserts.candidate(p.writes());
        if (insert != null && inserts.proven(insert)) {
            writes.run();
            return record(p, inserts.capture(insert));
        }
        Changeset changeset;
        try (Session session = db.createSession()) {
            session.attach(null);
            writes.run();
            changeset = session.changeset();
        }
        Set<String> touched = new TreeSet<>();
        if (!changeset.isEmpty()) for (ChangesetEntry e : changeset.entries()) touched.add(e.table());
        touched.removeAll(p.declared());
        if (!touched.isEmpty()) {
            throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "materializer of " + p.what()
                + " wrote table(s) " + touched + " that it did not declare (declared: " + p.declared() + ")");
        }
        if (insert != null) inserts.calibrate(insert, changeset);
        for (Write w : p.writes()) if (w instanceof RawWrite) inserts.schemaMayHaveChanged();
        return record(p, changeset.isEmpty() ? null : changeset);
    }

    /**
     * Materializes an event the backend has confirmed in the same transaction (below the new backend
     * head): its changeset row would be deleted before the commit, since such an event is never
     * undone. A proven plain insert (which writes its one table only) therefore just runs, saving
     * the read-back and the row (about half of a catch-up's time on the leader); anything else goes
     * through {@link #execute}, whose changeset checks the tables written.
     */
    StateWriter.Applied executeConfirmed(StateWriter.Planned p, Runnable writes) {
        Insert insert = inserts.candidate(p.writes());
        if (insert == null || !inserts.proven(insert)) return execute(p, writes);
        writes.run();
        return new StateWriter.Applied(p.declared(), null);
    }

    /** Stores the event's changeset (null: none). */
    private StateWriter.Applied record(StateWriter.Planned p, Changeset kept) {
        SeqNum seq = p.seq();
        sql.write(INSERT, Arrays.asList(seq.global(), seq.client(), seq.rebaseGeneration(), kept == null ? null : kept.bytes()));
        return new StateWriter.Applied(p.declared(), kept);
    }

    /**
     * Undoes one event's state changes: applies its inverted changeset (REPLACE on DATA/CONFLICT,
     * OMIT on NOTFOUND/CONSTRAINT/FOREIGN_KEY, as LiveStore) and deletes its row. Runs inside the
     * caller's transaction; undo events newest first.
     *
     * @return the tables the undone changeset touched
     */
    Set<String> undo(SeqNum s) {
        List<Object> id = List.of(s.global(), s.client(), s.rebaseGeneration());
        Set<String> written = new LinkedHashSet<>();
        Rows r = sql.read("SELECT changeset FROM " + SystemTables.SESSION_CHANGESET + WHERE_EVENT, id);
        for (Object[] row : r.values()) {
            if (row[0] == null) continue;
            Changeset cs = Changeset.of((byte[]) row[0]);
            for (ChangesetEntry entry : cs.entries()) written.add(entry.table());
            db.applyChangeset(cs.invert(), ConflictHandler.REPLACE_OR_OMIT);
        }
        sql.write("DELETE FROM " + SystemTables.SESSION_CHANGESET + WHERE_EVENT, id);
        return written;
    }

    /**
     * Undoes several events, given newest first, with one changeset apply instead of one per event:
     * their inverted changesets, newest first, one after the other. A changeset is a sequence of
     * table sections, so the concatenation applies change by change in the order separate applies
     * would (and these changesets were captured on this very state, so nothing conflicts), but
     * SQLite prepares its statements and reads the table's schema once per run of one table instead
     * of once per event (a rebase of 1,000 pending events spent ~8 ms per event in that). Deletes
     * their changeset rows. Runs inside the caller's transaction.
     *
     * @return the tables the undone changesets touched
     */
    Set<String> undoAll(List<SeqNum> newestFirst) {
        Set<String> written = new LinkedHashSet<>();
        java.io.ByteArrayOutputStream inverted = new java.io.ByteArrayOutputStream();
        for (SeqNum s : newestFirst) {
            List<Object> id = List.of(s.global(), s.client(), s.rebaseGeneration());
            for (Object[] row : sql.read("SELECT changeset FROM " + SystemTables.SESSION_CHANGESET + WHERE_EVENT, id).values()) {
                if (row[0] == null) continue;
                Changeset cs = Changeset.of((byte[]) row[0]);
                for (ChangesetEntry entry : cs.entries()) written.add(entry.table());
                inverted.writeBytes(cs.invert().bytes());
            }
            sql.write("DELETE FROM " + SystemTables.SESSION_CHANGESET + WHERE_EVENT, id);
        }
        if (inverted.size() > 0) db.applyChangeset(Changeset.of(inverted.toByteArray()), ConflictHandler.REPLACE_OR_OMIT);
        return written;
    }

    @Override
    public void schemaMayHaveChanged() {
        inserts.schemaMayHaveChanged();
    }

    /** How many changesets were written without a session (see {@link InsertCapture}). */
    long insertsRecordedWithoutSession() {
        return inserts.captured();
    }
}
