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
 * {@link PostgresSchema#CHANNEL}; each commit that appends or resets sends {@code <head> <backendId> <storeId>}.
 * The doorbell says only "look": the node then reads from its own high-water mark by cursor, so a duplicate
 * or late ring is harmless. A ring can be lost (the listening connection drops, or the node misses the
 * notification while reconnecting): every {@code pollEvery}, and right after each (re)connect, the doorbell
 * reads the heads of the stores this node watches and rings for them too. Latency: a notification arrives
 * within milliseconds of the commit; a lost one within {@code pollEvery} (plus the reconnect backoff).
 */
final class Doorbell implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Doorbell.class.getName());
    private static final long MAX_BACKOFF_MS = 2_000;

    private final String url;
    private final Properties connectionProperties;
    private final PostgresEventLog log;
    private final Supplier<Collection<String>> watched;
    private final Consumer<StoreHead> ring;
    private final long pollEveryMs;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;

    /**
     * @param watched the stores with live pulls on this node (read at each fallback poll)
     * @param ring called on the doorbell's thread with a store's current row; must not block for long
     */
    Doorbell(String url, Properties connectionProperties, PostgresEventLog log, Supplier<Collection<String>> watched,
             Consumer<StoreHead> ring, Duration pollEvery) {
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

    static String payload(StoreHead row) {
        return row.head() + " " + row.backendId() + " " + row.storeId();
    }

    static StoreHead parse(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("doorbell payload is not '<head> <backendId> <storeId>': " + payload);
        }
        return new StoreHead(parts[2], parts[1], Long.parseLong(parts[0]));
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
                    deliver(parse(n.getParameter()));
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
            for (StoreHead row : log.find(stores)) {
                deliver(row);
            }
        }
    }

    private void deliver(StoreHead row) {
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
