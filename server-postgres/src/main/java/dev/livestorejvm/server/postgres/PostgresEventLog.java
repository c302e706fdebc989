package dev.livestorejvm.server.postgres;

import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.BackendIds;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The stores' logs in PostgreSQL. Every node may write: a push is one transaction that moves the store's
 * head row only if it still equals the batch's parent ({@code UPDATE ... WHERE head = parent}; the row lock
 * makes a concurrent push wait, then see the new head and update 0 rows) and inserts the batch under the
 * {@code (store_id, seq)} primary key, so two nodes can never fork a log. The same transaction sends the
 * doorbell ({@code pg_notify}), which PostgreSQL delivers only if it commits.
 */
final class PostgresEventLog {
    private final DataSource pool;
    private final String nodeId;

    /** {@code nodeId} goes into this node's doorbell rings, so that its own doorbell can ignore them. */
    PostgresEventLog(DataSource pool, String nodeId) {
        this.pool = pool;
        this.nodeId = nodeId;
    }

    /** The store's row, created (empty, with a fresh backendId) on first sight. */
    StoreRow open(String storeId) throws SQLException {
        try (Connection c = pool.getConnection()) {
            Optional<StoreRow> known = select(c, storeId);
            if (known.isPresent()) {
                return known.get();
            }
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO livestore_sync_stores (store_id, backend_id) VALUES (?, ?) ON CONFLICT (store_id) DO NOTHING")) {
                s.setString(1, storeId);
                s.setString(2, BackendIds.newId());
                s.executeUpdate();
            }
            return select(c, storeId).orElseThrow(() -> new SQLException("store row " + storeId + " vanished after its insert"));
        }
    }

    /** The store's row if it exists (no side effect). */
    Optional<StoreRow> find(String storeId) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return select(c, storeId);
        }
    }

    /** Rows of the given stores that exist, for the doorbell's fallback poll. */
    List<StoreRow> find(Collection<String> storeIds) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement(
                 "SELECT store_id, backend_id, head FROM livestore_sync_stores WHERE store_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", storeIds.toArray()));
            return heads(s);
        }
    }

    List<StoreRow> all() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement(
                 "SELECT store_id, backend_id, head FROM livestore_sync_stores ORDER BY store_id")) {
            return heads(s);
        }
    }

    /**
     * The whole push as one statement, so one round trip and (in auto-commit) its own transaction: the conditional
     * head update; the batch inserted only if that moved the head (joined to its one returned row); the doorbell,
     * which PostgreSQL delivers only if the statement commits. A row back means the push was admitted. A concurrent
     * push to the same store waits on the head row, then READ COMMITTED re-checks the WHERE against its committed
     * head and the update, so the insert and the doorbell, come to nothing. The insert runs whether or not the
     * final SELECT reads it (PostgreSQL runs a WITH's data-modifying statements to completion); its columns are
     * NOT NULL and (store_id, seq) the key, so the batch goes in whole or the statement fails and writes nothing.
     */
    private static final String APPEND = """
        WITH moved AS (
          UPDATE livestore_sync_stores SET head = ?
          WHERE store_id = ? AND head = ? AND backend_id = ?
          RETURNING store_id),
        inserted AS (
          INSERT INTO livestore_sync_events (store_id, seq, parent_seq, name, args, client_id, session_id, metadata)
          SELECT moved.store_id, e.*
          FROM moved, unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS e)
        SELECT pg_notify(?, ?) FROM moved""";

    /**
     * Appends {@code batch} (contiguous) iff the store's backendId is {@code expectedBackendId} and its head is
     * the batch's first parent, atomically ({@link #APPEND}). Durable when this returns Appended (PostgreSQL's
     * commit: WAL flushed with the default synchronous_commit). A store nobody opened yet is created first, so a
     * push naming any backendId is then refused with the new one.
     */
    AppendResult append(String storeId, String expectedBackendId, List<EventRow> batch) throws SQLException {
        checkChained(batch);
        long parent = batch.get(0).parentSeq();
        long newHead = batch.get(batch.size() - 1).seq();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(APPEND)) {
            s.setLong(1, newHead);
            s.setString(2, storeId);
            s.setLong(3, parent);
            s.setString(4, expectedBackendId);
            setColumns(c, s, 5, batch);
            s.setString(12, PostgresSchema.CHANNEL);
            s.setString(13, Doorbell.payload(new StoreRow(storeId, expectedBackendId, newHead), nodeId));
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new AppendResult.Appended(newHead);
                }
            }
        }
        StoreRow now = open(storeId);
        return now.backendId().equals(expectedBackendId)
            ? new AppendResult.ServerAhead(now.head())
            : new AppendResult.BackendIdMismatch(now.backendId());
    }

    /**
     * Events with {@code after < seq <= upTo}, ascending, at most {@code limit}, and how many of that range
     * follow them. A log is contiguous (1..head), so that count is {@code min(upTo, head) - last}: the head comes
     * with the page in one statement, and no COUNT(*) scans the log.
     */
    RowPage read(String storeId, long after, long upTo, int limit) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("""
                 SELECT seq, parent_seq, name, args, client_id, session_id, metadata,
                        (SELECT head FROM livestore_sync_stores WHERE store_id = ?)
                 FROM livestore_sync_events
                 WHERE store_id = ? AND seq > ? AND seq <= ?
                 ORDER BY seq
                 LIMIT ?""")) {
            s.setString(1, storeId);
            s.setString(2, storeId);
            s.setLong(3, after);
            s.setLong(4, upTo);
            s.setInt(5, limit);
            List<EventRow> rows = new ArrayList<>(Math.min(limit, 256));
            long head = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new EventRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
                    head = rs.getLong(8);
                }
            }
            long remaining = rows.size() < limit || rows.isEmpty()
                ? 0 : Math.max(0, Math.min(upTo, head) - rows.get(rows.size() - 1).seq());
            return new RowPage(rows, remaining);
        }
    }

    /** Deletes the store's events and gives it a new backendId (clients then follow their mismatch policy). */
    StoreRow reset(String storeId) throws SQLException {
        String backendId = BackendIds.newId();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO livestore_sync_stores (store_id, backend_id, head) VALUES (?, ?, 0)
                    ON CONFLICT (store_id) DO UPDATE SET backend_id = excluded.backend_id, head = 0""")) {
                    s.setString(1, storeId);
                    s.setString(2, backendId);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM livestore_sync_events WHERE store_id = ?")) {
                    s.setString(1, storeId);
                    s.executeUpdate();
                }
                notify(c, new StoreRow(storeId, backendId, 0));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return new StoreRow(storeId, backendId, 0);
    }

    /** The batch's seven columns as arrays (unnested into rows by {@link #APPEND}), from parameter {@code first} on. */
    private static void setColumns(Connection c, PreparedStatement s, int first, List<EventRow> batch) throws SQLException {
        int n = batch.size();
        Long[] seq = new Long[n];
        Long[] parent = new Long[n];
        String[] name = new String[n];
        String[] args = new String[n];
        String[] client = new String[n];
        String[] session = new String[n];
        String[] created = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow e = batch.get(i);
            seq[i] = e.seq();
            parent[i] = e.parentSeq();
            name[i] = e.name();
            args[i] = e.args();
            client[i] = e.clientId();
            session[i] = e.sessionId();
            created[i] = e.metadata();
        }
        Array[] arrays = {
            c.createArrayOf("bigint", seq), c.createArrayOf("bigint", parent), c.createArrayOf("text", name),
            c.createArrayOf("text", args), c.createArrayOf("text", client), c.createArrayOf("text", session),
            c.createArrayOf("text", created)};
        for (int i = 0; i < arrays.length; i++) {
            s.setArray(first + i, arrays[i]);
        }
    }

    private void notify(Connection c, StoreRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, PostgresSchema.CHANNEL);
            s.setString(2, Doorbell.payload(row, nodeId));
            s.execute();
        }
    }

    private static Optional<StoreRow> select(Connection c, String storeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
            "SELECT store_id, backend_id, head FROM livestore_sync_stores WHERE store_id = ?")) {
            s.setString(1, storeId);
            List<StoreRow> rows = heads(s);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    private static List<StoreRow> heads(PreparedStatement s) throws SQLException {
        List<StoreRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new StoreRow(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return rows;
    }

    private static void checkChained(List<EventRow> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        for (int i = 0; i < batch.size(); i++) {
            EventRow e = batch.get(i);
            long expectedParent = i == 0 ? e.parentSeq() : batch.get(i - 1).seq();
            if (e.parentSeq() != expectedParent || e.seq() != e.parentSeq() + 1) {
                throw new IllegalArgumentException("batch not contiguous at index " + i + ": seq " + e.seq()
                    + ", parent " + e.parentSeq() + " (expected parent " + expectedParent + ", seq parent+1)");
            }
        }
    }

}
