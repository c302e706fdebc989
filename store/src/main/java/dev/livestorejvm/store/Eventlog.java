package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The eventlog database, attached as schema {@value #SCHEMA} to the state connection so that one
 * SQLite transaction covers both files. Rows can be inserted with given numbers and deleted, as
 * sync's rebase will need.
 */
final class Eventlog {
    static final String SCHEMA = "ls_eventlog";
    private static final String T = SCHEMA + ".eventlog";
    private static final String SYNC_STATUS = SCHEMA + "." + SystemTables.SYNC_STATUS;
    private static final String COLUMNS = "seqNumGlobal, seqNumClient, seqNumRebaseGeneration, parentSeqNumGlobal, "
        + "parentSeqNumClient, parentSeqNumRebaseGeneration, name, argsJson, clientId, sessionId, schemaHash, syncMetadataJson";

    private final StatementCache sql;

    Eventlog(StatementCache sql) {
        this.sql = sql;
    }

    /** The DDL of both eventlog tables, qualified with the attached schema. */
    static List<String> ddl() {
        List<String> out = new ArrayList<>();
        for (Table t : List.of(SystemTables.EVENTLOG_TABLE, SystemTables.SYNC_STATUS_TABLE)) {
            for (String s : t.ddl()) out.add(Ddl.inSchema(s, SCHEMA));
        }
        out.add("INSERT INTO " + SCHEMA + ".__livestore_sync_status (head) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "
            + SCHEMA + ".__livestore_sync_status)");
        return out;
    }

    SeqNum head() {
        Rows r = sql.read("SELECT seqNumGlobal, seqNumClient, seqNumRebaseGeneration FROM " + T
            + " ORDER BY seqNumGlobal DESC, seqNumClient DESC, seqNumRebaseGeneration DESC LIMIT 1", List.of());
        if (r.values().isEmpty()) return SeqNum.ROOT;
        Object[] v = r.values().get(0);
        return new SeqNum((Long) v[0], (Long) v[1], (Long) v[2]);
    }

    /** The backend head ({@code __livestore_sync_status.head}): the last global number the backend confirmed. */
    long syncHead() {
        Rows r = sql.read("SELECT head FROM " + SYNC_STATUS + " LIMIT 1", List.of());
        return r.values().isEmpty() || r.values().get(0)[0] == null ? 0 : (Long) r.values().get(0)[0];
    }

    /** The backend's identity as last seen on a pull ({@code __livestore_sync_status.backendId}), or null. */
    String backendId() {
        Rows r = sql.read("SELECT backendId FROM " + SYNC_STATUS + " LIMIT 1", List.of());
        return r.values().isEmpty() ? null : (String) r.values().get(0)[0];
    }

    /** Moves the backend head (and the backend's identity) in {@code __livestore_sync_status}. */
    void setSyncStatus(long head, String backendId) {
        sql.write("UPDATE " + SYNC_STATUS + " SET head = ?, backendId = ?", java.util.Arrays.asList(head, backendId));
    }

    /**
     * Records the backend's metadata of a confirmed event (an Effect Option as JSON), matched by
     * (global, client) only: the backend's echo is generation 0 while an event rebased before it
     * was pushed is generation 1 here (LiveStore matches the generation too and so never writes it).
     */
    void setSyncMetadata(SeqNum s, String syncMetadataJson) {
        sql.write("UPDATE " + T + " SET syncMetadataJson = ? WHERE seqNumGlobal = ? AND seqNumClient = ?",
            List.of(syncMetadataJson, s.global(), s.client()));
    }

    /** The events above the backend head, oldest first: those not yet confirmed (client-only ones included). */
    List<StoredEvent> above(long global) {
        return select(" WHERE seqNumGlobal > ? ORDER BY seqNumGlobal, seqNumClient, seqNumRebaseGeneration", List.of(global));
    }

    /** Row counts of the multi-row inserts {@link #insertAll} uses, largest first; each is one cached statement. */
    private static final int[] ROWS_PER_INSERT = {32, 8, 1};

    /**
     * Inserts {@code events} in their order, several rows per statement: SQLite inserts the rows of
     * one {@code VALUES} list one after the other as separate statements would (the same file), but
     * each statement run costs its own calls into SQLite and its own start and end of the insert.
     */
    void insertAll(List<StoredEvent> events) {
        int i = 0;
        for (int k = 0; k < ROWS_PER_INSERT.length; k++) {
            int rows = ROWS_PER_INSERT[k];
            for (; events.size() - i >= rows; i += rows) {
                List<Object> binds = new ArrayList<>(12 * rows);
                for (StoredEvent e : events.subList(i, i + rows)) addColumns(e, binds);
                sql.write(INSERTS[k], binds);
            }
        }
    }

    private static final String[] INSERTS = new String[ROWS_PER_INSERT.length];

    static {
        for (int k = 0; k < ROWS_PER_INSERT.length; k++) {
            StringBuilder b = new StringBuilder("INSERT INTO " + T + " (" + COLUMNS + ") VALUES ");
            for (int r = 0; r < ROWS_PER_INSERT[k]; r++) b.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            INSERTS[k] = b.toString();
        }
    }

    private static void addColumns(StoredEvent e, List<Object> binds) {
        binds.add(e.seqNum().global());
        binds.add(e.seqNum().client());
        binds.add(e.seqNum().rebaseGeneration());
        binds.add(e.parentSeqNum().global());
        binds.add(e.parentSeqNum().client());
        binds.add(e.parentSeqNum().rebaseGeneration());
        binds.add(e.name());
        binds.add(e.argsJson());
        binds.add(e.clientId());
        binds.add(e.sessionId());
        binds.add(e.schemaHash());
        binds.add(e.syncMetadataJson());
    }

    void delete(SeqNum s) {
        sql.write("DELETE FROM " + T + " WHERE seqNumGlobal = ? AND seqNumClient = ? AND seqNumRebaseGeneration = ?",
            List.of(s.global(), s.client(), s.rebaseGeneration()));
    }

    void deleteAll() {
        sql.write("DELETE FROM " + T, List.of());
    }

    /** All events, oldest first. */
    List<StoredEvent> all() {
        return select(" ORDER BY seqNumGlobal, seqNumClient, seqNumRebaseGeneration", List.of());
    }

    /** The {@code n} newest events, newest first. */
    List<StoredEvent> newest(int n) {
        return select(" ORDER BY seqNumGlobal DESC, seqNumClient DESC, seqNumRebaseGeneration DESC LIMIT ?", List.of((long) n));
    }

    /** What replaying an event needs: its number, name, arguments and stored schema hash (-1: kept unmaterialized). */
    record Replayed(SeqNum seqNum, String name, String argsJson, long schemaHash) {}

    /**
     * Calls {@code each} with every event, oldest first, reading {@value #REPLAY_CHUNK} rows at a
     * time and only the columns a replay needs (each column read is a call into SQLite).
     */
    void replay(java.util.function.Consumer<Replayed> each) {
        SeqNum after = null;
        while (true) {
            List<Object[]> rows = after == null
                ? sql.values(REPLAY + " ORDER BY seqNumGlobal, seqNumClient, seqNumRebaseGeneration LIMIT " + REPLAY_CHUNK, List.of())
                : sql.values(REPLAY + " WHERE (seqNumGlobal, seqNumClient, seqNumRebaseGeneration) > (?, ?, ?)"
                    + " ORDER BY seqNumGlobal, seqNumClient, seqNumRebaseGeneration LIMIT " + REPLAY_CHUNK,
                    List.of(after.global(), after.client(), after.rebaseGeneration()));
            for (Object[] v : rows) {
                after = new SeqNum((Long) v[0], (Long) v[1], (Long) v[2]);
                each.accept(new Replayed(after, (String) v[3], (String) v[4], (Long) v[5]));
            }
            if (rows.size() < REPLAY_CHUNK) return;
        }
    }

    private static final int REPLAY_CHUNK = 1000;
    private static final String REPLAY = "SELECT seqNumGlobal, seqNumClient, seqNumRebaseGeneration, name, argsJson, schemaHash FROM " + T;

    long count() {
        return (Long) sql.read("SELECT COUNT(*) FROM " + T, List.of()).values().get(0)[0];
    }

    private List<StoredEvent> select(String tail, List<Object> binds) {
        Rows r = sql.read("SELECT " + COLUMNS + " FROM " + T + tail, binds);
        List<StoredEvent> out = new ArrayList<>(r.values().size());
        for (Object[] v : r.values()) out.add(fromRow(v));
        return out;
    }

    static StoredEvent fromRow(Object[] v) {
        return new StoredEvent(new SeqNum((Long) v[0], (Long) v[1], (Long) v[2]), new SeqNum((Long) v[3], (Long) v[4], (Long) v[5]),
            (String) v[6], (String) v[7], (String) v[8], (String) v[9], (Long) v[10], (String) v[11]);
    }
}
