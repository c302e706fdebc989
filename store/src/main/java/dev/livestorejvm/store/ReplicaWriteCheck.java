package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import java.util.List;
import java.util.Set;

/**
 * How a session's replica materializes: it keeps no changesets (it reloads the leader's state to
 * undo), so it checks the written tables with an update hook instead, which costs a callback per
 * row where the session extension would prepare two statements per event on the committing thread.
 */
final class ReplicaWriteCheck implements StateWriter.WriteMode {
    /** While an event's writes run: the tables it declared, and its description. */
    private Set<String> allowed;
    private String running;
    private final Triggers triggers;

    ReplicaWriteCheck(Database db, StatementCache sql) {
        this.triggers = new Triggers(sql);
        db.updateHook((op, dbName, table, rowid) -> {
            if (allowed != null && "main".equals(dbName) && !allowed.contains(table)) {
                throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "materializer of " + running
                    + " wrote table(s) [" + table + "] that it did not declare (declared: " + allowed + ")");
            }
        });
    }

    /**
     * One plain insert, with no trigger in the database, writes its own (declared) table only, so the
     * hook has nothing to refuse and nothing to roll back: SQLite's own statement transaction is
     * enough, which saves a BEGIN, a COMMIT and the insert's statement journal per commit.
     */
    @Override
    public boolean needsTransaction(StateWriter.Planned p) {
        List<Write> w = p.writes();
        if (w.isEmpty()) return false;
        return w.size() > 1 || !(w.get(0) instanceof Insert insert) || !insert.insertsOneRow() || triggers.any();
    }

    @Override
    public StateWriter.Applied execute(StateWriter.Planned p, Runnable writes) {
        for (Write w : p.writes()) if (w instanceof RawWrite) triggers.schemaMayHaveChanged();
        allowed = p.declared();
        running = p.what();
        try {
            writes.run();
        } finally {
            allowed = null;
        }
        return new StateWriter.Applied(p.declared(), null);
    }

    @Override
    public void schemaMayHaveChanged() {
        triggers.schemaMayHaveChanged();
    }
}
