package dev.livestorejvm.store.synccf;

import static dev.livestorejvm.store.synccf.TestEvents.batch;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket client against the project's sync server on 127.0.0.1. */
class SyncCfClientTest {
    @TempDir
    Path dir;
    SyncServer server;
    final List<SyncCfClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = SyncServer.builder(new SqliteStorage(dir)).build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(SyncCfClient::close);
        if (server != null) server.close();
    }

    SyncCfClient client(String storeId) {
        SyncCfOptions o = SyncCfOptions.builder(server.uri(), storeId).payload(new dev.livestorejvm.protocol.RawJson("{\"authToken\":\"x y/é\"}"))
            .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).ping(Duration.ofMillis(300), Duration.ofSeconds(10)).build();
        SyncCfClient c = SyncCfClient.webSocket(o);
        clients.add(c);
        return c;
    }

    static PushResult await(java.util.concurrent.CompletableFuture<PushResult> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    static void awaitConnected(SyncCfClient c) {
        Recorder.await("connected", Duration.ofSeconds(20), c::connected);
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /** Pushes {@code n} events from {@code from} in batches of 100 and returns the server's backendId. */
    String seed(SyncCfClient c, long from, int n) throws Exception {
        awaitConnected(c);
        for (List<dev.livestorejvm.protocol.EncodedEvent> b : PushBatches.split(batch(from, n, "seed"))) {
            assertEquals(PushResult.OK, await(c.push(b, Optional.empty())));
        }
        Recorder r = new Recorder();
        c.pull(Optional.empty(), false, r, r);
        Recorder.await("pull end", Duration.ofSeconds(20), () -> r.completed);
        return r.pages.get(0).backendId();
    }

    @Test
    void pullsFromScratchAndFromACursorInChunks() throws Exception {
        SyncCfClient c = client("s");
        String backendId = seed(c, 1, 250);

        Recorder all = new Recorder();
        PullHandle h = c.pull(Optional.empty(), false, all, all);
        Recorder.await("complete", Duration.ofSeconds(20), () -> all.completed);
        assertEquals(range(1, 250), all.seqs());
        assertEquals(List.of(new PageInfo.MoreKnown(150), new PageInfo.MoreKnown(50), PageInfo.NO_MORE),
            all.pages.stream().map(PullResponse::pageInfo).collect(Collectors.toList()));
        assertTrue(all.pages.stream().allMatch(p -> p.backendId().equals(backendId)));
        assertTrue(all.pages.get(0).batch().get(0).metadata().orElseThrow().json().contains("SyncMessage.SyncMetadata"));
        assertEquals("{\"id\":\"seed-7\",\"text\":\"todo 7\"}", all.pages.get(0).batch().get(6).eventEncoded().args().json());
        assertFalse(h.isActive());
        assertEquals(List.of(), all.errors);

        Recorder from = new Recorder();
        c.pull(Optional.of(new Cursor(backendId, 120)), false, from, from);
        Recorder.await("complete", Duration.ofSeconds(20), () -> from.completed);
        assertEquals(range(121, 250), from.seqs());
        assertEquals(List.of(new PageInfo.MoreKnown(30), PageInfo.NO_MORE), from.pages.stream().map(PullResponse::pageInfo).collect(Collectors.toList()));

        Recorder atHead = new Recorder();
        c.pull(Optional.of(new Cursor(backendId, 250)), false, atHead, atHead);
        Recorder.await("complete", Duration.ofSeconds(20), () -> atHead.completed);
        assertEquals(1, atHead.pages.size(), "at least one (empty) page");
        assertEquals(PageInfo.NO_MORE, atHead.pages.get(0).pageInfo());
        assertEquals(List.of(), atHead.seqs());
    }

    @Test
    void livePullGetsAnotherClientsPushAndItsOwnEcho() throws Exception {
        SyncCfClient a = client("live");
        SyncCfClient b = client("live");
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        a.pull(Optional.empty(), true, ra, ra);
        b.pull(Optional.empty(), true, rb, rb);
        Recorder.await("first pages", Duration.ofSeconds(20), () -> !ra.pages.isEmpty() && !rb.pages.isEmpty());
        assertEquals(PageInfo.NO_MORE, ra.pages.get(0).pageInfo());

        assertEquals(PushResult.OK, await(a.push(batch(1, 3, "a"), Optional.empty())));
        String backendId = ra.pages.get(0).backendId();
        assertEquals(PushResult.OK, await(b.push(batch(4, 2, "b"), Optional.of(backendId))));
        ra.awaitSeqs(5);
        rb.awaitSeqs(5);
        assertEquals(range(1, 5), ra.seqs(), "A sees its own echo and B's push");
        assertEquals(range(1, 5), rb.seqs());
        assertEquals("b", ra.pages.get(ra.pages.size() - 1).batch().get(0).eventEncoded().clientId());
        assertTrue(ra.pages.stream().allMatch(p -> p.pageInfo().equals(PageInfo.NO_MORE)), "live chunks end bursts");
        assertEquals(List.of(), ra.errors);
    }

    @Test
    void staleParentIsServerAhead() throws Exception {
        SyncCfClient a = client("ahead");
        awaitConnected(a);
        assertEquals(PushResult.OK, await(a.push(batch(1, 2, "a"), Optional.empty())));
        assertEquals(new PushResult.ServerAhead(2, 0), await(a.push(batch(1, 1, "b"), Optional.empty())));
        assertEquals(PushResult.OK, await(a.push(batch(3, 1, "b"), Optional.empty())), "the connection is still usable");
    }

    @Test
    void wrongBackendIdIsAMismatchForPullAndPush() throws Exception {
        SyncCfClient c = client("backend");
        String backendId = seed(c, 1, 2);
        Recorder r = new Recorder();
        c.pull(Optional.of(new Cursor("not-" + backendId, 1)), true, r, r);
        Recorder.await("error", Duration.ofSeconds(20), () -> !r.errors.isEmpty());
        assertEquals(List.of(new PullError.BackendIdMismatch(backendId, "not-" + backendId)), r.errors);
        assertTrue(r.errors.get(0).terminal());
        assertEquals(List.of(), r.pages);
        assertEquals(new PushResult.BackendIdMismatch(backendId, "wrong"), await(c.push(batch(3, 1, "a"), Optional.of("wrong"))));
    }

    @Test
    void reconnectsAfterARestartAndResumesFromTheCallersCursorWithoutDuplicates() throws Exception {
        SyncCfClient a = client("restart");
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        a.onConnectedChange(changes::add);
        Recorder r = new Recorder();
        a.pull(Optional.empty(), true, r, r);
        awaitConnected(a);
        assertEquals(PushResult.OK, await(a.push(batch(1, 3, "a"), Optional.empty())));
        r.awaitSeqs(3);

        int port = server.port();
        server.close();
        server = null;
        Recorder.await("disconnected", Duration.ofSeconds(20), () -> !a.connected());
        assertTrue(a.push(batch(4, 1, "a"), Optional.empty()).get(20, TimeUnit.SECONDS) instanceof PushResult.Offline);
        Recorder.await("live pull told", Duration.ofSeconds(20), () -> !r.errors.isEmpty());
        assertFalse(r.errors.get(0).terminal(), "a live pull goes on after a reconnect: " + r.errors);
        Thread.sleep(300);   // a few failed reconnect attempts

        server = SyncServer.builder(new SqliteStorage(dir)).port(port).build().start();
        awaitConnected(a);
        SyncCfClient b = client("restart");
        awaitConnected(b);
        assertEquals(PushResult.OK, await(b.push(batch(4, 3, "b"), Optional.empty())));
        r.awaitSeqs(6);
        Thread.sleep(200);   // room for a duplicate to show up
        assertEquals(range(1, 6), r.seqs());
        String backendId = r.pages.get(0).backendId();
        assertTrue(r.resumedFrom.contains(Optional.of(new Cursor(backendId, 3))), "resumed from the persisted cursor: " + r.resumedFrom);
        assertEquals(Optional.of(new Cursor(backendId, 3)), r.restarts.get(r.restarts.size() - 1));
        assertEquals(List.of(true, false, true), changes.subList(0, 3));
    }

    @Test
    void pingKeepsConnectedAndADeadServerMakesItFalse() throws Exception {
        SyncCfClient a = client("ping");
        awaitConnected(a);
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();   // five ping periods
        while (System.nanoTime() < end) {
            assertTrue(a.connected());
            Thread.sleep(50);
        }
        server.close();
        server = null;
        Recorder.await("disconnected", Duration.ofSeconds(20), () -> !a.connected());
    }

    @Test
    void closeEndsPullsAndPushes() throws Exception {
        SyncCfClient a = client("close");
        Recorder r = new Recorder();
        a.pull(Optional.empty(), true, r, r);
        awaitConnected(a);
        Recorder.await("first page", Duration.ofSeconds(20), () -> !r.pages.isEmpty());
        a.close();
        assertFalse(a.connected());
        assertEquals(List.of(new PullError.ConnectionLost("client closed", true)), r.errors);
        assertEquals(new PushResult.Offline("client closed"), await(a.push(batch(1, 1, "a"), Optional.empty())));
        // the server is still fine for others
        SyncCfClient b = client("close");
        awaitConnected(b);
        assertEquals(PushResult.OK, await(b.push(batch(1, 1, "b"), Optional.empty())));
    }

    @Test
    void cancelledPullHearsNoMore() throws Exception {
        SyncCfClient a = client("cancel");
        Recorder r = new Recorder();
        PullHandle h = a.pull(Optional.empty(), true, r, r);
        awaitConnected(a);
        Recorder.await("first page", Duration.ofSeconds(20), () -> !r.pages.isEmpty());
        h.cancel();
        assertFalse(h.isActive());
        Recorder other = new Recorder();
        a.pull(Optional.empty(), true, other, other);
        assertEquals(PushResult.OK, await(a.push(batch(1, 2, "a"), Optional.empty())));
        other.awaitSeqs(2);
        Thread.sleep(100);
        assertEquals(List.of(), r.seqs(), "the interrupted pull saw nothing after cancel");
        assertEquals(List.of(), other.errors, "frames after the Interrupt are not bad input");
    }
}
