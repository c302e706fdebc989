package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Opens a store's connection: the state database as {@code main} with the eventlog attached, both
 * with LiveStore's pragmas; rebuilds a missing state database by replaying the eventlog on the
 * current schema, and a broken one (it cannot be opened or fails {@code quick_check}) after moving it
 * aside; refuses a state database whose eventlog is missing; removes the state files of other schemas.
 */
final class Boot {
    private static final System.Logger LOG = System.getLogger(Boot.class.getName());

    private Boot() {}

    /** The opened connection; {@code rebuilt} tells whether the state was replayed from the eventlog. */
    record Opened(Database db, StatementCache sql, Eventlog eventlog, StateWriter state, boolean rebuilt, long replayed) {}

    static Opened open(SqliteRuntime runtime, StoreOptions o) {
        Path dir = o.storeDirectory();
        String stateName = o.schema.stateFileName();
        String statePath = ":memory:";
        String eventlogPath = ":memory:";
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create store directory " + dir, e);
            }
            statePath = dir.resolve(stateName).toAbsolutePath().toString();
            eventlogPath = dir.resolve(StoreFiles.EVENTLOG_FILE).toAbsolutePath().toString();
            refuseStateWithoutEventlog(dir, stateName);
            setAsideBrokenState(runtime, dir.resolve(stateName));
        }
        Database db = runtime.open(statePath);
        try {
            Opened opened = configure(db, eventlogPath, o, dir);
            if (dir != null) removeObsolete(dir, stateName);
            return opened;
        } catch (SqliteException e) {
            db.close();
            if (e.resultCode() == 5 || e.resultCode() == 6) {
                throw new StoreException(StoreException.Kind.STORE_IN_USE, "store directory " + dir + " is in use by another process or store ("
                    + e.getMessage() + ")", e);
            }
            throw new StoreException(StoreException.Kind.OPEN_FAILED, "cannot open the store in " + (dir == null ? "memory" : dir) + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /**
     * The eventlog is the store's primary data and the state is derived from it: a state database
     * without its eventlog would start the store at e0 over old rows, and new events would reuse
     * sequence numbers that the state's changesets already hold. Refused, naming both files.
     */
    private static void refuseStateWithoutEventlog(Path dir, String stateName) {
        Path eventlog = dir.resolve(StoreFiles.EVENTLOG_FILE);
        Path state = dir.resolve(stateName);
        if (StoreFiles.hasContent(state) && !StoreFiles.hasContent(eventlog)) {
            throw new StoreException(StoreException.Kind.CORRUPT_FILE, "store directory " + dir + " holds the state database " + state.getFileName()
                + " but not its eventlog " + eventlog.getFileName() + ": the eventlog is the store's primary data and"
                + " the state is derived from it, so the store will not start over it from e0. Restore "
                + eventlog.getFileName() + ", or, to start an empty store and discard that state, remove "
                + state.getFileName() + " (and its -journal)");
        }
    }

    /**
     * A state database that cannot be opened or fails {@code PRAGMA quick_check} is derived data the
     * eventlog can rebuild: it is renamed aside (kept for inspection, never deleted) and the boot
     * then rebuilds it like a missing one.
     */
    private static void setAsideBrokenState(SqliteRuntime runtime, Path state) {
        if (!StoreFiles.hasContent(state) || !StoreFiles.hasContent(state.resolveSibling(StoreFiles.EVENTLOG_FILE))) return;
        String problem = StoreFiles.stateProblem(runtime, state);
        if (problem == null) return;
        Path aside = StoreFiles.setAside(state);
        LOG.log(System.Logger.Level.WARNING, "state database " + state + " is unusable (" + problem + "): moved to "
            + aside.getFileName() + ", rebuilding it from the eventlog");
    }

    private static Opened configure(Database db, String eventlogPath, StoreOptions o, Path dir) {
        // LiveStore's connection pragmas; page_size only counts before the first table.
        // The journal stays a rollback journal: SQLite's super-journal makes a commit atomic across
        // both files only in rollback-journal modes.
        db.exec("PRAGMA page_size=8192; PRAGMA foreign_keys=ON; PRAGMA journal_mode=DELETE");
        try (var st = db.prepare("ATTACH DATABASE ? AS " + Eventlog.SCHEMA)) {
            st.bindText(1, eventlogPath);
            st.executeUpdate();
        }
        db.exec("PRAGMA " + Eventlog.SCHEMA + ".page_size=8192; PRAGMA " + Eventlog.SCHEMA + ".journal_mode=DELETE");
        if (dir != null) claim(db, dir);
        StatementCache sql = new StatementCache(db);
        Eventlog eventlog = new Eventlog(sql);
        StateWriter state = new StateWriter(db, sql, o.schema, true);
        db.transaction(() -> {
            for (String s : Eventlog.ddl()) db.exec(s);
        });
        boolean ready = hasTable(db, SystemTables.SCHEMA);
        if (ready && LateKnownEvents.anyNowKnown(db, sql, o.schema)) {
            LateKnownEvents.dropState(db);
            state.schemaChanged();
            ready = false;
        }
        long replayed = 0;
        if (!ready) replayed = rebuild(db, sql, eventlog, state, o.schema);
        return new Opened(db, sql, eventlog, state, !ready, replayed);
    }

    /**
     * Holds both files in exclusive locking mode from now on, so another process (or another store
     * in this JVM) cannot open the store while this one runs: it gets a clear error instead of
     * interleaving commits under this store's feet.
     */
    private static void claim(Database db, Path dir) {
        db.exec("PRAGMA main.locking_mode=EXCLUSIVE; PRAGMA " + Eventlog.SCHEMA + ".locking_mode=EXCLUSIVE");
        db.exec("BEGIN EXCLUSIVE; COMMIT");
    }

    static boolean hasTable(Database db, String name) {
        try (var st = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?")) {
            st.bindText(1, name);
            return st.step();
        }
    }

    /** Creates the state tables and replays the whole eventlog, in one transaction. */
    private static long rebuild(Database db, StatementCache sql, Eventlog eventlog, StateWriter state, Schema schema) {
        return db.transaction(dev.livestorejvm.sqlite.TransactionMode.IMMEDIATE, () -> {
            for (Table t : schema.allStateTables()) for (String s : t.ddl()) db.exec(s);
            String now = Values.isoString(Instant.now());
            for (Table t : schema.allStateTables()) {
                sql.write("INSERT OR REPLACE INTO " + SystemTables.SCHEMA + " (tableName, schemaHash, updatedAt) VALUES (?, ?, ?)",
                    List.of(t.name(), t.hash(), now));
            }
            for (EventDef<?> d : schema.events().values()) {
                sql.write("INSERT OR REPLACE INTO " + SystemTables.SCHEMA_EVENT_DEFS + " (eventName, schemaHash, updatedAt) VALUES (?, ?, ?)",
                    List.of(d.name(), d.schemaHash(), now));
            }
            long[] n = {0};
            eventlog.replay(e -> {
                EventDef<?> def = schema.event(e.name());
                if (def == null) {
                    LOG.log(System.Logger.Level.WARNING, "eventlog holds event " + e.name() + " (" + e.seqNum()
                        + ") that this schema does not know; kept and skipped");
                    return;
                }
                Object args;
                try {
                    args = def.decode(e.argsJson());
                } catch (StoreException ex) {
                    if (LateKnownEvents.skip(e, ex)) return;
                    throw new StoreException(StoreException.Kind.CORRUPT_FILE, "boot failed: cannot replay event " + e.name() + " (" + e.seqNum() + "): "
                        + ex.getMessage(), ex);
                }
                state.apply(def, args, e.seqNum());
                LateKnownEvents.materialized(sql, e, def);
                n[0]++;
            });
            return n[0];
        });
    }

    private static void removeObsolete(Path dir, String current) {
        try {
            for (Path p : StoreFiles.obsoleteStateFiles(dir, current)) {
                Files.deleteIfExists(p);
                LOG.log(System.Logger.Level.INFO, "removed obsolete state file " + p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove obsolete state files in " + dir, e);
        }
    }
}
