package dev.livestorejvm.server.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes this node when another node (or this one) moved a store's head: one dedicated connection LISTENs on
 * {@link PostgresSchema#CHANNEL}; each commit that appends or resets sends the store's new head and backendId
 * with the id of the node that committed it (rings from this node itself are dropped).
 * The doorbell says only "look": the node then reads from its own high-water mark by cursor, so a duplicate
 * or late ring is harmless. A ring can be lost (the listening connection drops, or the node misses the
 * notification while reconnecting): every {@code pollEvery}, and right after each (re)connect, the doorbell
 * reads the heads of the stores this node watches and rings for them too. Latency: a notification arrives
 * within milliseconds of the commit; a lost one within {@code pollEvery} (plus the reconnect backoff).
 */
final class Doorbell implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Doorbell.class.getName());
    private static final long MAX_BACKOFF_MS = 2_000;

    private final String nodeId;
    private final String url;
    private final Properties connectionProperties;
    private final PostgresEventLog log;
    private final Supplier<Collection<String>> watched;
    private final Consumer<StoreRow> ring;
    private final long pollEveryMs;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;

    /**
     * @param nodeId this node's id, as its {@link PostgresEventLog} puts it in its rings
     * @param watched the stores with live pulls on this node (read at each fallback poll)
     * @param ring called on the doorbell's thread with a store's current row; must not block for long
     */
    Doorbell(String nodeId, String url, Properties connectionProperties, PostgresEventLog log, Supplier<Collection<String>> watched,
             Consumer<StoreRow> ring, Duration pollEvery) {
        this.nodeId = nodeId;
        this.url = url;
        this.connectionProperties = connectionProperties;
        this.log = log;
        this.watched = watched;
        this.ring = ring;
        this.pollEveryMs = Math.max(10, pollEvery.toMillis());
        this.thread = new Thread(this::run, "postgres-doorbell");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** {@code <head> <backendId> <nodeId> <storeId>}: the store id last, as it may hold spaces. */
    static String payload(StoreRow row, String nodeId) {
        return row.head() + " " + row.backendId() + " " + nodeId + " " + row.storeId();
    }

    /** The ring's node id and the store row it carries. */
    record Ring(String nodeId, StoreRow row) {}

    static Ring parse(String payload) {
        String[] parts = payload.split(" ", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("doorbell payload is not '<head> <backendId> <nodeId> <storeId>': " + payload);
        }
        return new Ring(parts[2], new StoreRow(parts[3], parts[1], Long.parseLong(parts[0])));
    }

    private void run() {
        long backoff = 50;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, connectionProperties)) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PostgresSchema.CHANNEL);
                }
                backoff = 50;
                pollWatched(); // whatever rang while we were not listening
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "doorbell connection lost; reconnecting in " + backoff + " ms", e);
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            } finally {
                listening = null;
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollEveryMs);
        while (!closed) {
            long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextPoll - System.nanoTime()));
            PGNotification[] rung = pg.getNotifications((int) Math.min(waitMs, Integer.MAX_VALUE));
            if (rung != null) {
                for (PGNotification n : rung) {
                    Ring r = parse(n.getParameter());
                    if (!r.nodeId().equals(nodeId)) { // this node's own appends are not news to it
                        deliver(r.row());
                    }
                }
            }
            if (System.nanoTime() - nextPoll >= 0) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                pollWatched();
                nextPoll = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollEveryMs);
            }
        }
    }

    private void pollWatched() throws SQLException {
        Collection<String> stores = watched.get();
        if (!stores.isEmpty()) {
            for (StoreRow row : log.find(stores)) {
                deliver(row);
            }
        }
    }

    private void deliver(StoreRow row) {
        try {
            ring.accept(row);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "doorbell listener failed for store " + row.storeId(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening; bounded (closing the connection ends a wait in getNotifications). */
    @Override
    public void close() {
        closed = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
