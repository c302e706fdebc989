package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.livestorejvm.server.storage.AppendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQL of the PostgreSQL log against a real server: conditional append, backendId, paged reads, reset, and two pools racing. */
class PostgresEventLogTest {
    private HikariDataSource pool;
    private PostgresEventLog log;
    private String url;

    @BeforeEach
    void open() throws Exception {
        url = PostgresCluster.shared().createDatabase("eventlog");
        pool = PostgresPool.open(url, new Properties(), 4);
        PostgresSchema.ensure(pool);
        log = new PostgresEventLog(pool, "n1");
    }

    @AfterEach
    void close() {
        pool.close();
    }

    static List<EventRow> batch(long parent, int n, String client) {
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new EventRow(parent + i + 1, parent + i, "v1.TodoCreated", "{\"id\":\"" + client + "-" + (parent + i + 1) + "\"}",
                client, "s1", "{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"));
        }
        return rows;
    }

    @Test
    void appendsOnlyOntoTheHead() throws Exception {
        StoreRow store = log.open("s");
        assertEquals(0, store.head());
        assertEquals(new AppendResult.Appended(3), log.append("s", store.backendId(), batch(0, 3, "a")));
        assertEquals(new AppendResult.ServerAhead(3), log.append("s", store.backendId(), batch(1, 2, "b")));
        assertEquals(new AppendResult.ServerAhead(3), log.append("s", store.backendId(), batch(4, 1, "b")));
        assertEquals(new AppendResult.BackendIdMismatch(store.backendId()), log.append("s", "other", batch(3, 1, "b")));
        assertEquals(3, log.find("s").orElseThrow().head());
        List<EventRow> all = log.read("s", 0, Long.MAX_VALUE, 100).rows();
        assertEquals(batch(0, 3, "a"), all, "stored byte for byte, nothing from the refused pushes");
    }

    @Test
    void refusesABatchThatDoesNotChain() throws Exception {
        log.open("s");
        List<EventRow> gap = new ArrayList<>(batch(0, 2, "a"));
        gap.add(new EventRow(4, 3, "x", "{}", "a", "s1", "t"));
        String b = log.open("s").backendId();
        assertThrows(IllegalArgumentException.class, () -> log.append("s", b, gap));
        assertThrows(IllegalArgumentException.class, () -> log.append("s", b, List.of()));
        assertEquals(0, log.find("s").orElseThrow().head());
    }

    @Test
    void aPushToAnUnknownStoreCreatesItAndStoresAreSeparate() throws Exception {
        AppendResult first = log.append("x", "guess", batch(0, 2, "a"));
        String bx = assertInstanceOf(AppendResult.BackendIdMismatch.class, first).backendId();
        assertEquals(log.find("x").orElseThrow().backendId(), bx, "the store now exists, under its own backendId");
        assertEquals(new AppendResult.Appended(2), log.append("x", bx, batch(0, 2, "a")));
        assertEquals(new AppendResult.Appended(1), log.append("y", log.open("y").backendId(), batch(0, 1, "b")));
        assertEquals(2, log.read("x", 0, 100, 100).rows().size());
        assertEquals(List.of("b"), log.read("y", 0, 100, 100).rows().stream().map(EventRow::clientId).toList());
        assertNotEquals(log.find("x").orElseThrow().backendId(), log.find("y").orElseThrow().backendId());
    }

    @Test
    void readsByCursorInPagesUpToASnapshot() throws Exception {
        String b = log.open("s").backendId();
        log.append("s", b, batch(0, 100, "a"));
        log.append("s", b, batch(100, 50, "a"));
        RowPage page = log.read("s", 10, 150, 25);
        assertEquals(25, page.rows().size());
        assertEquals(11, page.rows().get(0).seq());
        assertEquals(35, page.rows().get(24).seq());
        assertEquals(115, page.remaining());
        assertEquals(15, log.read("s", 10, 50, 25).remaining(), "remaining counts up to the snapshot only");
        assertEquals(List.of(149L, 150L), log.read("s", 148, 150, 25).rows().stream().map(EventRow::seq).toList());
        assertEquals(0, log.read("s", 148, 150, 25).remaining());
        assertEquals(List.of(), log.read("s", 150, 150, 25).rows(), "a cursor at the head reads nothing");
        assertEquals(5, log.read("s", 0, 5, 100).rows().size(), "never past the snapshot");
    }

    @Test
    void resetEmptiesTheStoreUnderANewBackendId() throws Exception {
        StoreRow before = log.open("s");
        log.append("s", before.backendId(), batch(0, 5, "a"));
        StoreRow after = log.reset("s");
        assertNotEquals(before.backendId(), after.backendId());
        assertEquals(after, log.find("s").orElseThrow());
        assertEquals(List.of(), log.read("s", 0, 100, 100).rows());
        assertEquals(new AppendResult.BackendIdMismatch(after.backendId()), log.append("s", before.backendId(), batch(0, 1, "a")));
        assertEquals(new AppendResult.Appended(1), log.append("s", after.backendId(), batch(0, 1, "a")));
    }

    /** Two pools (two nodes) and 16 writers race on one store: each parent is won once, the log has no gap and no duplicate. */
    @Test
    void racingWritersOnTwoPoolsNeverForkTheLog() throws Exception {
        int writers = 16;
        int pushesEach = 10;
        try (HikariDataSource otherPool = PostgresPool.open(url, new Properties(), 4)) {
            PostgresEventLog[] nodes = {log, new PostgresEventLog(otherPool, "n2")};
            String backendId = log.open("race").backendId();
            AtomicInteger rejected = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                PostgresEventLog node = nodes[w % 2];
                String client = "c" + w;
                results.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    long head = 0;
                    for (int attempts = 0; mine.size() < pushesEach; attempts++) {
                        assertTrue(attempts < 10_000, "bounded");
                        AppendResult out = node.append("race", backendId, batch(head, 1, client));
                        if (out instanceof AppendResult.Appended a) {
                            mine.add(a.head());
                            head = a.head();
                        } else {
                            head = assertInstanceOf(AppendResult.ServerAhead.class, out).head();
                            rejected.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            List<Long> accepted = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                accepted.addAll(f.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();
            int total = writers * pushesEach;
            assertEquals(total, accepted.size());
            assertEquals(total, accepted.stream().distinct().count(), "no sequence number accepted twice");
            List<EventRow> stored = log.read("race", 0, Long.MAX_VALUE, 10_000).rows();
            assertEquals(total, stored.size());
            for (int i = 0; i < total; i++) {
                assertEquals(i + 1, stored.get(i).seq());
                assertEquals(i, stored.get(i).parentSeq());
            }
            assertEquals(total, log.find("race").orElseThrow().head());
            assertTrue(rejected.get() > 0, "the race did race");
        }
    }
}
