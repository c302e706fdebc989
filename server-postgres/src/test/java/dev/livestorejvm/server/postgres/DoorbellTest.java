package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A commit on one node rings the doorbell of another; a lost listening connection is replaced and what rang meanwhile is found by the poll. */
class DoorbellTest {
    private HikariDataSource nodeA;
    private HikariDataSource nodeB;
    private PostgresEventLog logA;
    private PostgresEventLog logB;
    private String url;
    private final LinkedBlockingQueue<StoreRow> rung = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() throws Exception {
        url = PostgresCluster.shared().createDatabase("doorbell");
        nodeA = PostgresPool.open(url, new Properties(), 2);
        nodeB = PostgresPool.open(url, new Properties(), 2);
        PostgresSchema.ensure(nodeA);
        logA = new PostgresEventLog(nodeA, "A");
        logB = new PostgresEventLog(nodeB, "B");
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    private Doorbell doorbell(Duration pollEvery) {
        Properties props = new Properties();
        props.setProperty("ApplicationName", "doorbell-under-test");
        Doorbell bell = new Doorbell("B", url, props, logB, () -> List.of("s"), rung::add, pollEvery);
        bell.start();
        return bell;
    }

    /** Waits for a ring of store s at {@code head}, ignoring earlier heads (poll rings repeat the current one). */
    private StoreRow awaitHead(long head, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            StoreRow r = rung.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
            if (r != null && r.storeId().equals("s") && r.head() == head) {
                return r;
            }
        }
        return null;
    }

    @Test
    void aCommitElsewhereRingsWithTheNewHeadAndBackendId() throws Exception {
        StoreRow store = logA.open("s");
        try (Doorbell bell = doorbell(Duration.ofMinutes(5))) { // no poll in this test: only NOTIFY can ring
            awaitListening();
            logA.append("s", store.backendId(), PostgresEventLogTest.batch(0, 3, "a"));
            StoreRow r = awaitHead(3, 10_000);
            assertNotNull(r, "rang within 10 s of the commit");
            assertEquals(store.backendId(), r.backendId());
            StoreRow reset = logA.reset("s");
            assertEquals(reset, awaitHead(0, 10_000), "a reset rings with head 0 and the new backendId");
        }
    }

    @Test
    void ownRingsAreDropped() throws Exception {
        String b = logB.open("s").backendId();
        try (Doorbell bell = doorbell(Duration.ofMinutes(5))) {
            assertNotNull(awaitHead(0, 10_000), "the poll right after LISTEN rings with the current head");
            logB.append("s", b, PostgresEventLogTest.batch(0, 1, "b"));
            logA.append("s", b, PostgresEventLogTest.batch(1, 1, "a"));
            StoreRow first = rung.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals(2, first.head(), "node B's own append (head 1) did not ring node B");
        }
    }

    @Test
    void aStoreIdWithSpacesSurvivesThePayload() {
        StoreRow row = new StoreRow("my store id", "B1", 42);
        assertEquals(new Doorbell.Ring("A", row), Doorbell.parse(Doorbell.payload(row, "A")));
    }

    @Test
    void killedListeningConnectionIsReplacedAndMissedRingsAreFoundByPoll() throws Exception {
        String b = logA.open("s").backendId();
        try (Doorbell bell = doorbell(Duration.ofMillis(300))) {
            awaitListening();
            try (Connection c = nodeA.getConnection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = 'doorbell-under-test'");
                rs.next();
                assertEquals(1, rs.getInt(1), "the doorbell's connection was there to kill");
            }
            // committed while the doorbell may be reconnecting: its NOTIFY may be lost, the poll must still see it
            logA.append("s", b, PostgresEventLogTest.batch(0, 2, "a"));
            assertNotNull(awaitHead(2, 15_000), "the head reached node B after the listening connection died");
            awaitListening();
            logA.append("s", b, PostgresEventLogTest.batch(2, 1, "a"));
            assertNotNull(awaitHead(3, 15_000), "and it listens again");
        }
    }

    private void awaitListening() throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection c = nodeA.getConnection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'doorbell-under-test'"
                    + " AND query LIKE 'LISTEN%'");
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        assertTrue(false, "the doorbell did not LISTEN within 10 s");
    }
}
