package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
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

    ReplicaWriteCheck(Database db) {
        db.updateHook((op, dbName, table, rowid) -> {
            if (allowed != null && "main".equals(dbName) && !allowed.contains(table)) {
                throw new StoreException(StoreException.Kind.MATERIALIZER_FAILED, "materializer of " + running
                    + " wrote table(s) [" + table + "] that it did not declare (declared: " + allowed + ")");
            }
        });
    }

    @Override
    public StateWriter.Applied execute(StateWriter.Planned p, Runnable writes) {
        allowed = p.declared();
        running = p.what();
        try {
            writes.run();
        } finally {
            allowed = null;
        }
        return new StateWriter.Applied(p.declared(), null);
    }
}
