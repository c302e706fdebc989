package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncMetadata;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.StorageFactory;
import dev.livestorejvm.server.storage.StoreHead;
import dev.livestorejvm.server.storage.SyncStorage;
import dev.livestorejvm.server.storage.SyncStorageContract;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage-neutral contract on PostgreSQL (a fresh database per test), plus what several nodes need. */
class PostgresStorageContractTest extends SyncStorageContract {
    private static final RawJson META = SyncMetadata.of("2026-01-01T00:00:00Z");
    private String url;

    @BeforeEach
    void database() {
        url = PostgresCluster.shared().createDatabase("contract");
    }

    @Override
    protected SyncStorage open() {
        return new PostgresStorage(url, new Properties(), 8, Duration.ofMillis(200));
    }

    /** Two nodes: what one appends, the other's server hears of through the doorbell and reads by cursor. */
    @Test
    void anAppendOnOneNodeReachesTheOtherNodesListener() throws Exception {
        try (SyncStorage a = open(); SyncStorage b = open()) {
            StoreHead h = b.head("s1"); // node B has seen the store (it has a live pull on it, say)
            LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
            b.onExternalAppend((store, head) -> heard.add(store + "@" + head));
            assertEquals(new AppendResult.Appended(3), a.append("s1", h.backendId(), batch(1, 3), META));
            assertEquals("s1@3", heard.poll(10, TimeUnit.SECONDS));
            assertEquals(3, b.read("s1", 0, 3, 100).events().size());
            assertEquals(new AppendResult.ServerAhead(3), b.append("s1", h.backendId(), batch(1, 1), META),
                "node B's stale view is refused by the database, not by its memory");
            assertEquals(new AppendResult.Appended(4), b.append("s1", h.backendId(), batch(4, 1), META));
            Thread.sleep(500); // longer than the poll: node B's own append must not come back to it as news
            assertEquals(null, heard.poll(), "no ring for node B's own append");
            a.head("other");
            a.append("other", a.head("other").backendId(), batch(1, 1), META);
            Thread.sleep(500);
            assertEquals(null, heard.poll(), "no ring for a store node B never saw");
        }
    }

    /**
     * A node that reads a store's head (as its hub does on each ring) before the doorbell told it of that
     * head still hears of it: the read must not take the news for known (TwoNodesRaceTest once ended
     * with a live pull one event short).
     */
    @Test
    void aHeadReadBeforeTheRingDoesNotSwallowTheNews() throws Exception {
        try (SyncStorage a = open(); SyncStorage b = open()) {
            StoreHead h = b.head("s3");
            assertEquals(new AppendResult.Appended(2), a.append("s3", h.backendId(), batch(1, 2), META));
            assertEquals(2, b.head("s3").head(), "node B reads the new head before any ring");
            LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
            b.onExternalAppend((store, head) -> heard.add(store + "@" + head));   // the doorbell's first poll finds head 2
            assertEquals("s3@2", heard.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void factoryOpensPostgresUrls() {
        String jdbc = url.substring("jdbc:".length()); // postgresql://127.0.0.1:port/db?user=postgres
        String libpq = "postgres://postgres@" + jdbc.substring("postgresql://".length(), jdbc.indexOf('?')) + "?pollMillis=250";
        for (String u : new String[] {"postgres:" + url, libpq}) {
            try (SyncStorage s = StorageFactory.forUrl(u).open(u)) {
                assertNotNull(s.head("f").backendId(), u);
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorWithoutThePassword() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String u = "postgres://app:s3cret@127.0.0.1:" + closedPort + "/sync?connectTimeout=2";
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.livestorejvm.server.storage.StorageException.class,
            () -> StorageFactory.forUrl(u).open(u));
        assertTrue(e.getMessage().contains("cannot connect") && e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void urlParsing() {
        var p = PostgresStorageFactory.parse("postgres://u%40x:p%3Aw@db.example:6543/sync?sslmode=disable&maxConnections=3&pollMillis=50");
        assertEquals("jdbc:postgresql://db.example:6543/sync?sslmode=disable", p.jdbcUrl());
        assertEquals("u@x", p.properties().getProperty("user"));
        assertEquals("p:w", p.properties().getProperty("password"));
        assertEquals(3, p.maxConnections());
        assertEquals(50, p.pollMillis());
        var j = PostgresStorageFactory.parse("postgres:jdbc:postgresql://h/d");
        assertEquals("jdbc:postgresql://h/d", j.jdbcUrl());
        assertEquals(PostgresStorageFactory.DEFAULT_MAX_CONNECTIONS, j.maxConnections());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> PostgresStorageFactory.parse("postgres://u:secret@h/d?maxConnections=0"));
        assertTrue(e.getMessage().contains("maxConnections=0") && !e.getMessage().contains("secret"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> PostgresStorageFactory.parse("postgres:h"));
        assertTrue(e.getMessage().contains("postgres://"), e.getMessage());
    }
}
