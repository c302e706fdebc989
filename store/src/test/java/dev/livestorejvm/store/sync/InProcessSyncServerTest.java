package dev.livestorejvm.store.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process backend against sync-cf's server rules (livestore-sync-0.4.0.md §1.8) and its fault switches. */
class InProcessSyncServerTest {
    static final String STORE = "store-1";
    final InProcessSyncServer server = new InProcessSyncServer(Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC));

    @AfterEach
    void close() {
        server.close();
    }

    static GlobalEvent ev(long seq, String client) {
        return new GlobalEvent(seq, seq - 1, "v1.Made", "{\"n\":" + seq + "}", client, "s-" + client);
    }

    static List<GlobalEvent> batch(long from, long to, String client) {
        return LongStream.rangeClosed(from, to).mapToObj(s -> ev(s, client)).toList();
    }

    InProcessSyncBackend connected(String client) {
        InProcessSyncBackend b = server.backend(STORE, client);
        await(b.connect());
        assertTrue(b.isConnected());
        return b;
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static <E extends SyncBackendException> E failure(Class<E> type, CompletableFuture<?> f) {
        return assertThrows(type, () -> await(f));
    }

    @Test
    void acceptsAPushOnlyIfItChainsOntoTheHeadAndIsContiguous() {
        var a = connected("A");
        await(a.push(batch(1, 3, "A"), Optional.empty()));
        assertEquals(3, server.head(STORE));
        var ahead = failure(SyncBackendException.ServerAhead.class, a.push(batch(2, 2, "A"), Optional.empty()));
        assertEquals(3, ahead.minimumExpectedNum());
        assertEquals(1, ahead.providedNum());
        assertFalse(ahead.isTransient());
        // parent right but a gap inside, or numbers that do not follow the parent: refused, nothing stored
        failure(SyncBackendException.Unknown.class, a.push(List.of(ev(4, "A"), ev(6, "A")), Optional.empty()));
        failure(SyncBackendException.Unknown.class, a.push(List.of(new GlobalEvent(5, 3, "v1.Made", "{}", "A", "s-A")), Optional.empty()));
        failure(SyncBackendException.Unknown.class, a.push(batch(4, 104, "A"), Optional.empty()));
        assertEquals(3, server.head(STORE));
        await(a.push(List.of(), Optional.empty())); // an empty push is acknowledged
        await(a.push(batch(4, 103, "A"), Optional.empty())); // 100 events is the limit
        assertEquals(103, server.head(STORE));
    }

    @Test
    void pagesHistoryByAHundredWithRemainingCountsAndEndsNonLivePulls() {
        var a = connected("A");
        for (long from = 1; from <= 250; from += 50) await(a.push(batch(from, from + 49, "A"), Optional.empty()));
        Recorder r = new Recorder();
        a.pull(Optional.of(PullCursor.of(20, server.backendId(STORE))), false, r);
        PullPage p1 = r.page(), p2 = r.page(), p3 = r.page();
        assertEquals(100, p1.events().size());
        assertEquals(new PullPage.PageInfo.MoreKnown(130), p1.pageInfo());
        assertEquals(21, p1.events().get(0).event().seqNum());
        assertEquals(new PullPage.PageInfo.MoreKnown(30), p2.pageInfo());
        assertEquals(30, p3.events().size());
        assertEquals(PullPage.PageInfo.NO_MORE, p3.pageInfo());
        assertEquals(250, p3.events().get(29).event().seqNum());
        assertEquals(server.backendId(STORE), p3.backendId());
        assertInstanceOf(Recorder.End.class, r.next());

        Recorder empty = new Recorder();
        var sub = server.backend("other-store", "A");
        await(sub.connect());
        sub.pull(Optional.empty(), false, empty);
        PullPage only = empty.page();
        assertTrue(only.events().isEmpty(), "an empty store still answers one page");
        assertEquals(PullPage.PageInfo.NO_MORE, only.pageInfo());
    }

    @Test
    void splitsPagesAt900KilobytesToo() {
        String big = "{\"s\":\"" + "x".repeat(100_000) + "\"}";
        List<PulledEvent> events = new ArrayList<>();
        for (long s = 1; s <= 20; s++) events.add(new PulledEvent(new GlobalEvent(s, s - 1, "v1.Big", big, "A", "s-A"), Optional.empty()));
        List<List<PulledEvent>> pages = InProcessSyncServer.pages(events);
        assertEquals(List.of(8, 8, 4), pages.stream().map(List::size).toList());
    }

    @Test
    void echoesEveryAcceptedBatchToEveryLivePullIncludingThePushersWithMetadata() throws Exception {
        var a = connected("A");
        var b = connected("B");
        Recorder ra = new Recorder(), rb = new Recorder();
        a.pull(Optional.empty(), true, ra);
        b.pull(Optional.empty(), true, rb);
        assertTrue(ra.page().events().isEmpty());
        assertTrue(rb.page().events().isEmpty());
        await(a.push(batch(1, 2, "A"), Optional.empty()));
        await(b.push(batch(3, 3, "B"), Optional.empty()));
        for (Recorder r : List.of(ra, rb)) {
            List<PulledEvent> got = r.events(3);
            assertEquals(List.of(1L, 2L, 3L), got.stream().map(e -> e.event().seqNum()).toList());
            assertEquals(Optional.of("{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"2026-03-04T05:06:07.089Z\"}"),
                got.get(0).metadataJson());
            r.assertQuiet(50);
        }
        assertTrue(ra.threads.stream().allMatch("in-process-sync"::equals), "delivered on the server's thread");
    }

    @Test
    void concurrentPushersAndLateSubscribersSeeOneOrderWithoutGapsOrDuplicates() throws Exception {
        int clients = 3, perClient = 60;
        List<InProcessSyncBackend> backends = new ArrayList<>();
        for (int c = 0; c < clients; c++) backends.add(connected("c" + c));
        List<Thread> threads = new ArrayList<>();
        List<Recorder> late = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            InProcessSyncBackend b = backends.get(c);
            String id = "c" + c;
            threads.add(new Thread(() -> {
                int pushed = 0;
                for (int attempt = 0; pushed < perClient && attempt < 100_000; attempt++) {
                    long head = server.head(STORE);
                    try {
                        await(b.push(List.of(ev(head + 1, id)), Optional.empty()));
                        pushed++;
                    } catch (SyncBackendException.ServerAhead lost) {
                        // another client got there first: retry on the new head
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (int c = 0; c < clients; c++) { // subscribe while the pushes run: history and live must join exactly
            Recorder r = new Recorder();
            backends.get(c).pull(Optional.empty(), true, r);
            late.add(r);
            Thread.sleep(5);
        }
        for (Thread t : threads) t.join(60_000);
        int total = clients * perClient;
        assertEquals(total, server.head(STORE));
        for (Recorder r : late) {
            List<Long> seqs = r.events(total).stream().map(e -> e.event().seqNum()).toList();
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), seqs);
        }
    }

    @Test
    void checksTheBackendIdOnPushAndCursorAndResetGivesANewOne() {
        var a = connected("A");
        String id = server.backendId(STORE);
        assertEquals(21, id.length());
        await(a.push(batch(1, 1, "A"), Optional.of(id)));
        Recorder live = new Recorder();
        a.pull(Optional.of(PullCursor.of(1, id)), true, live);
        assertTrue(live.page().events().isEmpty());

        String fresh = server.reset(STORE);
        assertNotEquals(id, fresh);
        assertEquals(0, server.head(STORE));
        var ended = assertInstanceOf(SyncBackendException.BackendIdMismatch.class, live.error());
        assertEquals(fresh, ended.expected());
        var m = failure(SyncBackendException.BackendIdMismatch.class, a.push(batch(2, 2, "A"), Optional.of(id)));
        assertEquals(fresh, m.expected());
        assertEquals(id, m.received());
        Recorder r = new Recorder();
        a.pull(Optional.of(PullCursor.of(1, id)), false, r);
        assertEquals(id, assertInstanceOf(SyncBackendException.BackendIdMismatch.class, r.error()).received());
        await(a.push(batch(1, 1, "A"), Optional.of(fresh)));
    }

    @Test
    void failsTheNextPushesAndPullsThenRecovers() {
        var a = connected("A");
        a.failNextPushes(2);
        assertTrue(failure(SyncBackendException.Unknown.class, a.push(batch(1, 1, "A"), Optional.empty())).isTransient());
        failure(SyncBackendException.Unknown.class, a.push(batch(1, 1, "A"), Optional.empty()));
        await(a.push(batch(1, 1, "A"), Optional.empty()));
        a.failNextPulls(1, () -> new SyncBackendException.Offline("flaky", null));
        Recorder r1 = new Recorder(), r2 = new Recorder();
        a.pull(Optional.empty(), false, r1);
        assertInstanceOf(SyncBackendException.Offline.class, r1.error());
        a.pull(Optional.empty(), false, r2);
        assertEquals(1, r2.page().events().size());
    }

    @Test
    void aDroppedConnectionEndsPullsAndRefusesUntilReconnected() throws Exception {
        var a = connected("A");
        List<Boolean> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.onConnectionChange(states::add);
        Recorder live = new Recorder();
        a.pull(Optional.empty(), true, live);
        live.page();
        a.dropConnection();
        assertFalse(a.isConnected());
        assertInstanceOf(SyncBackendException.Offline.class, live.error());
        failure(SyncBackendException.Offline.class, a.push(batch(1, 1, "A"), Optional.empty()));
        failure(SyncBackendException.Offline.class, a.ping());
        a.setReachable(false);
        failure(SyncBackendException.Offline.class, a.connect());
        a.setReachable(true);
        await(a.connect());
        await(a.ping());
        await(a.push(batch(1, 1, "A"), Optional.empty()));
        live.assertQuiet(50); // the ended pull hears nothing more
        for (int i = 0; i < 100 && states.size() < 2; i++) Thread.sleep(10);
        assertEquals(List.of(false, true), states);
    }

    @Test
    void anAnswerInFlightIsLostWithTheConnection() throws Exception {
        var a = connected("A");
        a.setDelay(Duration.ofMillis(300));
        CompletableFuture<Void> ack = a.push(batch(1, 1, "A"), Optional.empty());
        a.dropConnection();
        failure(SyncBackendException.Offline.class, ack);
        assertEquals(1, server.head(STORE), "stored although its answer was lost");
    }

    @Test
    void delaysAnswersInOrder() throws Exception {
        var a = connected("A");
        Recorder live = new Recorder();
        a.pull(Optional.empty(), true, live);
        live.page();
        a.setDelay(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        CompletableFuture<Void> ack = a.push(batch(1, 1, "A"), Optional.empty());
        a.setDelay(Duration.ZERO);
        CompletableFuture<Void> ack2 = a.push(batch(2, 2, "A"), Optional.empty());
        await(ack2);
        assertTrue(ack.isDone(), "a later answer never overtakes an earlier one");
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(List.of(1L, 2L), live.events(2).stream().map(e -> e.event().seqNum()).toList());
    }

    @Test
    void aDuplicatedPageIsRefusedByTheLeadersMerge() {
        var a = connected("A");
        Recorder live = new Recorder();
        a.pull(Optional.empty(), true, live);
        live.page();
        a.duplicateNextPage();
        await(a.push(batch(1, 2, "A"), Optional.empty()));
        PullPage first = live.page(), second = live.page();
        assertEquals(first, second);
        SyncState s = dev.livestorejvm.store.sync.SyncState.at(dev.livestorejvm.store.SeqNum.ROOT);
        var r1 = (MergeResult.Advance) SyncMerge.merge(s, new SyncPayload.UpstreamAdvance(
            first.events().stream().map(SyncEvent::fromGlobal).toList()), MergeOptions.leader());
        var r2 = SyncMerge.merge(r1.newState(), new SyncPayload.UpstreamAdvance(
            second.events().stream().map(SyncEvent::fromGlobal).toList()), MergeOptions.leader());
        assertInstanceOf(MergeResult.Invalid.class, r2);
    }

    @Test
    void describesItself() {
        var a = server.backend(STORE, "A");
        assertEquals("in-process", a.metadata().get("name"));
        assertEquals(new SyncBackend.Supports(true, true), a.supports());
        assertFalse(a.isConnected());
        Recorder r = new Recorder();
        a.pull(Optional.empty(), true, r);
        assertInstanceOf(SyncBackendException.Offline.class, r.error(), "a pull before connect is offline");
    }
}
