package dev.livestorejvm.server.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.BackendIds;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.RawPage;
import dev.livestorejvm.server.storage.StorageException;
import dev.livestorejvm.server.storage.StoreHead;
import dev.livestorejvm.server.storage.StoreInfo;
import dev.livestorejvm.server.storage.SyncStorage;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sync server's storage in PostgreSQL ({@code postgres:URL}), for several server nodes on one database.
 * Each node opens its own instance: the conditional append ({@link PostgresEventLog}) orders every store
 * across nodes, and the doorbell ({@link Doorbell}: LISTEN/NOTIFY plus a fallback poll) tells a node's
 * server, through {@link #onExternalAppend}, that another node moved a store it has seen, so its live pulls
 * read the new events by cursor.
 */
public final class PostgresStorage implements SyncStorage {
    private final String nodeId = BackendIds.newId();
    private final String url;
    private final Properties connectionProperties;
    private final Duration pollEvery;
    private final HikariDataSource pool;
    private final PostgresEventLog log;
    /**
     * The stores this node has seen, with the head and backendId its listeners last heard of (or its own
     * appends made): the doorbell's watch list, and what a ring is compared with to tell news.
     */
    private final Map<String, StoreRow> known = new ConcurrentHashMap<>();
    private final List<AppendListener> listeners = new CopyOnWriteArrayList<>();
    private Doorbell doorbell;
    private boolean closed;

    /**
     * @param jdbcUrl a {@code jdbc:postgresql:} URL; {@code connectionProperties} may add user and password
     * @param maxConnections the pool's size (pushes and pulls in flight at once)
     * @param pollEvery how often the doorbell re-reads the heads in case a notification was lost
     */
    public PostgresStorage(String jdbcUrl, Properties connectionProperties, int maxConnections, Duration pollEvery) {
        this.url = jdbcUrl;
        this.connectionProperties = connectionProperties;
        this.pollEvery = pollEvery;
        try {
            this.pool = PostgresPool.open(jdbcUrl, connectionProperties, maxConnections);
        } catch (RuntimeException e) { // HikariCP fails fast when the first connection cannot be made
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StorageException("PostgreSQL storage at " + PostgresStorageFactory.redact(jdbcUrl)
                + ": cannot connect: " + cause.getMessage(), e);
        }
        try {
            PostgresSchema.ensure(pool);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StorageException("PostgreSQL storage at " + PostgresStorageFactory.redact(jdbcUrl) + ": cannot prepare the tables: " + e.getMessage(), e);
        }
        this.log = new PostgresEventLog(pool, nodeId);
    }

    @Override
    public StoreHead head(String storeId) {
        try {
            StoreRow row = log.open(storeId);
            // a first sighting only: a newer head or backendId read here is news this node's listeners
            // have not heard yet; taking it into `known` would make the doorbell's ring for it look old
            // and drop it (a live pull then stopped one event short until the next append)
            known.putIfAbsent(storeId, row);
            return new StoreHead(row.backendId(), row.head());
        } catch (SQLException e) {
            throw failure(storeId, "head", e);
        }
    }

    @Override
    public AppendResult append(String storeId, String expectedBackendId, List<EncodedEvent> batch, RawJson metadata) {
        List<EventRow> rows = new ArrayList<>(batch.size());
        String meta = metadata == null ? null : metadata.json();
        for (EncodedEvent e : batch) {
            rows.add(new EventRow(e.seqNum(), e.parentSeqNum(), e.name(), e.args().json(), e.clientId(), e.sessionId(), meta));
        }
        try {
            AppendResult result = log.append(storeId, expectedBackendId, rows);
            if (result instanceof AppendResult.Appended a) {
                learn(new StoreRow(storeId, expectedBackendId, a.head()));
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("store '" + storeId + "': " + e.getMessage(), e);
        } catch (SQLException e) {
            throw failure(storeId, "append", e);
        }
    }

    @Override
    public EventPage read(String storeId, long afterSeqNum, long untilSeqNum, int limit) {
        try {
            RowPage page = log.read(storeId, afterSeqNum, untilSeqNum, limit);
            List<PullEvent> events = new ArrayList<>(page.rows().size());
            for (EventRow r : page.rows()) {
                events.add(new PullEvent(
                    new EncodedEvent(r.name(), new RawJson(r.args()), r.seq(), r.parentSeq(), r.clientId(), r.sessionId()),
                    Optional.ofNullable(r.metadata()).map(RawJson::new)));
            }
            return new EventPage(events, page.remaining());
        } catch (SQLException e) {
            throw failure(storeId, "read", e);
        }
    }

    /** The stored columns written as each pull item's JSON text ({@link PullItemText}): no event object, no JSON encoder. */
    @Override
    public RawPage readRaw(String storeId, long afterSeqNum, long untilSeqNum, int limit) {
        try {
            RowPage page = log.read(storeId, afterSeqNum, untilSeqNum, limit);
            List<String> items = new ArrayList<>(page.rows().size());
            for (EventRow r : page.rows()) {
                items.add(PullItemText.of(r));
            }
            long first = page.rows().isEmpty() ? afterSeqNum + 1 : page.rows().get(0).seq();
            return new RawPage(first, items, page.remaining());
        } catch (SQLException e) {
            throw failure(storeId, "read", e);
        }
    }

    @Override
    public StoreHead reset(String storeId) {
        try {
            StoreRow row = log.reset(storeId);
            known.put(storeId, row);
            return new StoreHead(row.backendId(), row.head());
        } catch (SQLException e) {
            throw failure(storeId, "reset", e);
        }
    }

    /** The event count is the head: a log is always 1..head, and a reset empties it and sets head 0. */
    @Override
    public List<StoreInfo> stores() {
        try {
            return log.all().stream().map(r -> new StoreInfo(r.storeId(), r.backendId(), r.head(), r.head())).toList();
        } catch (SQLException e) {
            throw new StorageException("PostgreSQL storage: listing the stores: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the doorbell on first registration. The listener hears of stores this node has seen (through
     * {@link #head}, {@link #append} or {@link #reset}) whose head or backendId another node changed; calls
     * come on the doorbell's thread, may be late (up to the poll period when a notification is lost) and coalesced.
     */
    @Override
    public synchronized void onExternalAppend(AppendListener listener) {
        if (closed) {
            throw new StorageException("PostgreSQL storage at " + PostgresStorageFactory.redact(url) + " is closed");
        }
        listeners.add(listener);
        if (doorbell == null) {
            doorbell = new Doorbell(nodeId, url, connectionProperties, log, known::keySet, this::rang, pollEvery);
            doorbell.start();
        }
    }

    /** Remembers a store's row; true if it differs from what this node knew (a newer head, or another backendId). */
    private boolean learn(StoreRow row) {
        boolean[] changed = {false};
        known.compute(row.storeId(), (id, old) -> {
            if (old == null || !old.backendId().equals(row.backendId()) || row.head() > old.head()) {
                changed[0] = old != null; // a first sighting is not news: the caller just read it
                return row;
            }
            return old;
        });
        return changed[0];
    }

    private void rang(StoreRow row) {
        if (known.containsKey(row.storeId()) && learn(row)) {
            for (AppendListener l : listeners) {
                l.appended(row.storeId(), row.head());
            }
        }
    }

    private static StorageException failure(String storeId, String operation, SQLException e) {
        return new StorageException("store '" + storeId + "': " + operation + " in PostgreSQL failed: " + e.getMessage()
            + " (SQLState " + e.getSQLState() + ")", e);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (doorbell != null) {
            doorbell.close();
        }
        pool.close();
    }
}
