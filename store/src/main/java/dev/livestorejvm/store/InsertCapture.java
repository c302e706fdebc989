package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Changeset;
import dev.livestorejvm.sqlite.ChangesetEntry;
import dev.livestorejvm.sqlite.ChangesetWriter;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.Operation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changeset of an event whose only write is one plain insert, without the session extension.
 * Such a changeset is one table header and one INSERT of the new row as it reads back from the
 * table; writing it here saves the session extension's per-event statements (it prepares
 * {@code PRAGMA table_xinfo} twice, a SELECT and a savepoint for every changeset), which made up
 * most of the leader's time per event.
 *
 * <p>The bytes must be exactly those of {@code sqlite3session_changeset}: a table takes this path
 * only after an event on it went through a real session and this class produced the same bytes for
 * it (the table header comes from that changeset); a mismatch keeps the table on the session path
 * for good. Tables with triggers (which could change other rows) never take it.
 */
final class InsertCapture {
    private static final System.Logger LOG = System.getLogger(InsertCapture.class.getName());
    private final Database db;
    private final StatementCache sql;
    /** Tables whose one-row inserts were checked against a session: their primary-key bytes. */
    private final Map<String, List<Integer>> proven = new HashMap<>();
    private final Set<String> refused = new HashSet<>();
    private final Triggers triggers;
    private long captured;

    InsertCapture(Database db, StatementCache sql) {
        this.db = db;
        this.sql = sql;
        this.triggers = new Triggers(sql);
    }

    /** The event's only write if this class can record it (checked or not yet), else null. */
    Insert candidate(List<Write> writes) {
        if (writes.size() != 1 || !(writes.get(0) instanceof Insert insert) || !insert.insertsOneRow()) return null;
        Table t = insert.table();
        if (refused.contains(t.name()) || !hasPlainPrimaryKey(t) || triggers.any()) return null;
        return insert;
    }

    /** True if {@code insert} (a {@link #candidate}) may be recorded here rather than by a session. */
    boolean proven(Insert insert) {
        return proven.containsKey(insert.table().name());
    }

    /** The changeset of {@code insert}, a proven candidate that just ran (null: it records nothing). */
    Changeset capture(Insert insert) {
        captured++;
        String table = insert.table().name();
        List<Integer> pk = proven.get(table);
        List<Object> row = readBack(insert.table());
        for (int i = 0; i < pk.size(); i++) {
            if (pk.get(i) != 0 && row.get(i) == null) return null;   // the session ignores rows with a NULL key
        }
        return new ChangesetWriter().insert(table, pk, row).build();
    }

    /**
     * Compares a session's changeset of {@code insert} (a candidate that just ran) with what this
     * class writes for it; the table takes the fast path from now on if they are the same.
     */
    void calibrate(Insert insert, Changeset fromSession) {
        String table = insert.table().name();
        List<ChangesetEntry> entries = fromSession.entries();
        if (entries.size() != 1) return;   // nothing recorded (a NULL key): decide on another event
        ChangesetEntry e = entries.get(0);
        if (e.operation() != Operation.INSERT || !e.table().equals(table)) return;
        Changeset mine = new ChangesetWriter().insert(table, e.primaryKey(), readBack(insert.table())).build();
        if (Arrays.equals(mine.bytes(), fromSession.bytes())) {
            proven.put(table, List.copyOf(e.primaryKey()));
        } else {
            refused.add(table);
            LOG.log(System.Logger.Level.WARNING, "changeset of an insert into " + table
                + " differs from the session extension's; its inserts keep using sessions");
        }
    }

    long captured() {
        return captured;
    }

    /** A raw SQL write ran: it may have created triggers or altered tables (checked again). */
    void schemaMayHaveChanged() {
        triggers.schemaMayHaveChanged();
        proven.clear();
    }

    private List<Object> readBack(Table t) {
        List<Object[]> r = sql.values("SELECT * FROM " + Sql.quoteTable(t.name()) + " WHERE _rowid_ = ?", List.of(db.lastInsertRowid()));
        if (r.size() != 1) throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "the row just inserted into " + t.name() + " is not there");
        return Arrays.asList(r.get(0));
    }

    /** A primary key, and no column that would hide {@code _rowid_} from the read-back. */
    private static boolean hasPlainPrimaryKey(Table t) {
        boolean pk = false;
        for (Column c : t.columns()) {
            if (c.name().equalsIgnoreCase("_rowid_")) return false;
            pk |= c.isPrimaryKey();
        }
        return pk;
    }
}
