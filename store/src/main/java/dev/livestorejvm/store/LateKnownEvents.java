package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Events the eventlog keeps with schema hash -1: they came from the sync backend when this store's
 * schema did not define them (or could not decode their arguments), so they were never
 * materialized. LiveStore 0.4.0 leaves them unapplied until the state happens to be rebuilt; here a
 * boot whose schema now materializes one of them rebuilds the state from the eventlog (events can
 * depend on each other's order, so applying the late ones alone would not equal a replay), and the
 * rebuild gives each such event its definition's hash, so the next boot does not rebuild again.
 * Events that still do not decode stay -1 and are skipped with a warning; they never fail the boot.
 */
final class LateKnownEvents {
    private static final System.Logger LOG = System.getLogger(LateKnownEvents.class.getName());
    private static final String UNKNOWN = "SELECT name, argsJson, seqNumGlobal, seqNumClient, seqNumRebaseGeneration FROM "
        + Eventlog.SCHEMA + ".eventlog WHERE schemaHash = " + StoredEvent.UNKNOWN_SCHEMA_HASH;

    private LateKnownEvents() {}

    /**
     * Whether an event kept unmaterialized (schema hash -1) is one {@code schema} can materialize now.
     * The eventlog is only scanned when the schema defines an event that the state's
     * {@code __livestore_schema_event_defs} does not record (with that hash): with the same events as
     * when it was built, nothing kept as unknown can have become known, and every boot stays free of
     * a scan of the whole eventlog. After a scan that finds nothing, the table records this schema's
     * events.
     */
    static boolean anyNowKnown(Database db, StatementCache sql, Schema schema) {
        if (!eventsChanged(sql, schema)) return false;
        if (scan(sql, schema)) return true;
        db.transaction(() -> recordEvents(sql, schema));
        return false;
    }

    private static boolean eventsChanged(StatementCache sql, Schema schema) {
        java.util.Map<String, Long> recorded = new java.util.HashMap<>();
        for (Object[] v : sql.values("SELECT eventName, schemaHash FROM " + SystemTables.SCHEMA_EVENT_DEFS, List.of())) {
            recorded.put((String) v[0], (Long) v[1]);
        }
        for (EventDef<?> d : schema.events().values()) {
            if (!Long.valueOf(d.schemaHash()).equals(recorded.get(d.name()))) return true;
        }
        return false;
    }

    private static void recordEvents(StatementCache sql, Schema schema) {
        String now = Values.isoString(java.time.Instant.now());
        for (EventDef<?> d : schema.events().values()) {
            sql.write("INSERT OR REPLACE INTO " + SystemTables.SCHEMA_EVENT_DEFS + " (eventName, schemaHash, updatedAt) VALUES (?, ?, ?)",
                List.of(d.name(), d.schemaHash(), now));
        }
    }

    private static boolean scan(StatementCache sql, Schema schema) {
        for (Object[] v : sql.values(UNKNOWN, List.of())) {
            if (decodes(schema, (String) v[0], (String) v[1])) {
                LOG.log(System.Logger.Level.INFO, "the eventlog holds " + v[0] + " (e" + v[2] + ") kept unmaterialized when it arrived;"
                    + " this schema materializes it: rebuilding the state from the eventlog");
                return true;
            }
        }
        return false;
    }

    /** Drops every state table (user and system ones) in one transaction, so that the boot rebuilds them. */
    static void dropState(Database db) {
        db.transaction(() -> {
            List<String> tables = new ArrayList<>();
            try (var st = db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (st.step()) tables.add(st.getText(0));
            }
            for (String t : tables) db.exec("DROP TABLE main.\"" + t.replace("\"", "\"\"") + "\"");
        });
    }

    /** During a replay: whether an event kept with -1 that does not decode is to be skipped (true) instead of failing the boot. */
    static boolean skip(Eventlog.Replayed e, StoreException decodeFailure) {
        if (e.schemaHash() != StoredEvent.UNKNOWN_SCHEMA_HASH) return false;
        LOG.log(System.Logger.Level.WARNING, "event " + e.name() + " (" + e.seqNum() + "), kept unmaterialized when it arrived, still does"
            + " not decode under this schema; kept and skipped: " + decodeFailure.getMessage());
        return true;
    }

    /** After a replay materialized {@code e}, kept with -1 until now: it gets its definition's hash. */
    static void materialized(StatementCache sql, Eventlog.Replayed e, EventDef<?> def) {
        if (e.schemaHash() != StoredEvent.UNKNOWN_SCHEMA_HASH) return;
        sql.write("UPDATE " + Eventlog.SCHEMA + ".eventlog SET schemaHash = ? WHERE seqNumGlobal = ? AND seqNumClient = ?"
            + " AND seqNumRebaseGeneration = ?", List.of(def.schemaHash(), e.seqNum().global(), e.seqNum().client(),
            e.seqNum().rebaseGeneration()));
    }

    private static boolean decodes(Schema schema, String name, String argsJson) {
        EventDef<?> def = schema.event(name);
        if (def == null) return false;
        try {
            def.decode(argsJson);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }
}
