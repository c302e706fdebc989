package dev.livestorejvm.server.storage;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link SyncStorage} contract, storage-neutral: extend it with {@link #open()} for an implementation
 * (embedded SQLite here; PostgreSQL in server-postgres). Each test starts from empty data.
 */
public abstract class SyncStorageContract {
    static final RawJson META = SyncMetadata.of("2026-01-01T00:00:00Z");

    private final List<SyncStorage> opened = new ArrayList<>();

    /**
     * Opens the storage under test over this test's data, which is empty at the test's start; a second
     * call in the same test opens the same data again (as a restarted server would).
     */
    protected abstract SyncStorage open();

    protected SyncStorage storage() {
        return opened.isEmpty() ? track(open()) : opened.get(0);
    }

    private SyncStorage track(SyncStorage s) {
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {   // close() must be idempotent
        for (SyncStorage s : opened) s.close();
    }

    public static EncodedEvent event(long seq, String text) {
        return new EncodedEvent("v1.TodoCreated", new RawJson("{\"id\":\"" + seq + "\",\"text\":\"" + text + "\"}"), seq, seq - 1, "c1", "s1");
    }

    public static List<EncodedEvent> batch(long fromSeq, int n) {
        List<EncodedEvent> b = new ArrayList<>();
        for (long s = fromSeq; s < fromSeq + n; s++) b.add(event(s, "t" + s));
        return b;
    }

    @Test
    void aNewStoreIsEmptyWithABackendId() {
        StoreHead h = storage().head("s1");
        assertEquals(0, h.head());
        assertFalse(h.backendId().isBlank());
        assertEquals(h, storage().head("s1"), "the same store on the second call");
        EventPage p = storage().read("s1", 0, 0, 100);
        assertEquals(List.of(), p.events());
        assertEquals(0, p.remaining());
    }

    @Test
    void appendAllWritesSeveralBatchesAtOnceAndReadRawGivesTheItemsText() {
        String b = storage().head("s1").backendId();
        assertEquals(new AppendResult.ServerAhead(0), storage().appendAll("s1", b, List.of(batch(2, 1), batch(3, 2)), META));
        assertEquals(new AppendResult.Appended(153), storage().appendAll("s1", b, List.of(batch(1, 1), batch(2, 99), batch(101, 50), batch(151, 3)), META));
        assertEquals(153, storage().head("s1").head());
        assertEquals(new AppendResult.ServerAhead(153), storage().appendAll("s1", b, List.of(batch(153, 1)), META), "nothing written twice");
        // every window, across the rows the storage chose, reads back the same through read and readRaw
        for (long after : new long[] {0, 1, 50, 99, 100, 120, 150, 152, 153}) {
            EventPage p = storage().read("s1", after, 153, 100);
            RawPage raw = storage().readRaw("s1", after, 153, 100);
            assertEquals(p.remaining(), raw.remaining(), "after " + after);
            assertEquals(after + 1, raw.firstSeqNum(), "after " + after);
            List<String> expected = new ArrayList<>();
            for (PullEvent e : p.events()) expected.add(dev.livestorejvm.protocol.SyncCodec.encodePullEvent(e));
            assertEquals(expected, raw.items(), "after " + after);
            for (int i = 0; i < p.events().size(); i++) assertEquals(event(after + 1 + i, "t" + (after + 1 + i)), p.events().get(i).eventEncoded());
        }
        assertEquals(List.of(), storage().readRaw("s1", 10, 10, 100).items());
        assertEquals(3, storage().readRaw("s1", 10, 13, 100).items().size(), "until bounds the page");
        assertEquals(5, storage().readRaw("s1", 10, 153, 5).items().size(), "limit bounds the page");
    }

    @Test
    void appendChainsOntoTheHeadAndReadsBackExactly() {
        String b = storage().head("s1").backendId();
        assertEquals(new AppendResult.Appended(3), storage().append("s1", b, batch(1, 3), META));
        EncodedEvent odd = new EncodedEvent("v1.Odd", new RawJson("{\"text\":\"é \\\"q\\\" \\u0000 😀\",\"n\":[1,2.5,null,{}]}"), 4, 3, "c2", "s2");
        assertEquals(new AppendResult.Appended(4), storage().append("s1", b, List.of(odd), META));
        EventPage p = storage().read("s1", 0, 4, 100);
        assertEquals(4, p.events().size());
        assertEquals(0, p.remaining());
        assertEquals(new PullEvent(event(1, "t1"), Optional.of(META)), p.events().get(0));
        assertEquals(odd, p.events().get(3).eventEncoded(), "args kept as the same JSON text");
        assertEquals(new StoreHead(b, 4), storage().head("s1"));
    }

    @Test
    void aStaleOrFutureParentIsRefusedAndWritesNothing() {
        String b = storage().head("s1").backendId();
        storage().append("s1", b, batch(1, 2), META);
        assertEquals(new AppendResult.ServerAhead(2), storage().append("s1", b, batch(2, 1), META), "stale parent");
        assertEquals(new AppendResult.ServerAhead(2), storage().append("s1", b, batch(1, 3), META), "a retry of an accepted batch");
        assertEquals(new AppendResult.ServerAhead(2), storage().append("s1", b, batch(5, 1), META), "a gap");
        assertEquals(2, storage().head("s1").head());
        assertEquals(2, storage().read("s1", 0, Long.MAX_VALUE, 100).events().size());
    }

    @Test
    void aWrongBackendIdIsRefusedAndWritesNothing() {
        String b = storage().head("s1").backendId();
        assertEquals(new AppendResult.BackendIdMismatch(b), storage().append("s1", "other", batch(1, 1), META));
        assertEquals(0, storage().head("s1").head());
    }

    @Test
    void readPagesWithRemaining() {
        String b = storage().head("s1").backendId();
        storage().append("s1", b, batch(1, 100), META);
        storage().append("s1", b, batch(101, 50), META);
        EventPage p = storage().read("s1", 0, 150, 60);
        assertEquals(60, p.events().size());
        assertEquals(1, p.events().get(0).eventEncoded().seqNum());
        assertEquals(90, p.remaining());
        p = storage().read("s1", 60, 150, 60);
        assertEquals(61, p.events().get(0).eventEncoded().seqNum());
        assertEquals(30, p.remaining());
        p = storage().read("s1", 120, 130, 60);
        assertEquals(10, p.events().size(), "until bounds the range");
        assertEquals(130, p.events().get(9).eventEncoded().seqNum());
        assertEquals(0, p.remaining());
        assertEquals(List.of(), storage().read("s1", 150, 150, 60).events(), "a cursor at the head");
        assertEquals(List.of(), storage().read("s1", 500, 600, 60).events(), "a cursor past the head");
    }

    @Test
    void storesAreIndependent() {
        String b1 = storage().head("s1").backendId();
        String b2 = storage().head("store/2 é").backendId();
        assertNotEquals(b1, b2);
        storage().append("s1", b1, batch(1, 3), META);
        storage().append("store/2 é", b2, batch(1, 1), META);
        assertEquals(1, storage().read("store/2 é", 0, 10, 100).events().size());
        assertEquals(List.of(new StoreInfo("s1", b1, 3, 3), new StoreInfo("store/2 é", b2, 1, 1)), storage().stores());
    }

    @Test
    void resetEmptiesTheStoreWithANewBackendId() {
        String b = storage().head("s1").backendId();
        storage().append("s1", b, batch(1, 3), META);
        StoreHead after = storage().reset("s1");
        assertEquals(0, after.head());
        assertNotEquals(b, after.backendId());
        assertEquals(after, storage().head("s1"));
        assertEquals(List.of(), storage().read("s1", 0, 10, 100).events());
        assertEquals(new AppendResult.BackendIdMismatch(after.backendId()), storage().append("s1", b, batch(1, 1), META));
        assertEquals(new AppendResult.Appended(1), storage().append("s1", after.backendId(), batch(1, 1), META));
    }

    @Test
    void dataSurvivesReopening() {
        String b = storage().head("s1").backendId();
        storage().append("s1", b, batch(1, 5), META);
        storage().close();   // a restart: embedded storages lock their data while open
        SyncStorage again = track(open());
        assertEquals(new StoreHead(b, 5), again.head("s1"));
        assertEquals(5, again.read("s1", 0, 5, 100).events().size());
    }

    @Test
    void racingAppendsWithTheSameParentAdmitExactlyOne() throws Exception {
        String b = storage().head("s1").backendId();
        int threads = 8;
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < rounds; r++) {
                long seq = r + 1;
                CountDownLatch go = new CountDownLatch(1);
                AtomicInteger won = new AtomicInteger();
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String text = "r" + r + "t" + t;
                    fs.add(pool.submit(() -> {
                        go.await();
                        AppendResult res = storage().append("s1", b, List.of(event(seq, text)), META);
                        if (res instanceof AppendResult.Appended) won.incrementAndGet();
                        else assertEquals(new AppendResult.ServerAhead(seq), res);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : fs) f.get(30, TimeUnit.SECONDS);
                assertEquals(1, won.get(), "round " + r);
            }
        } finally {
            pool.shutdownNow();
        }
        EventPage p = storage().read("s1", 0, rounds, 100);
        assertEquals(rounds, p.events().size());
        for (int i = 0; i < rounds; i++) assertEquals(i + 1, p.events().get(i).eventEncoded().seqNum());
    }
}
