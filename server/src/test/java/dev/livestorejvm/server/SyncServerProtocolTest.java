package dev.livestorejvm.server;

import static dev.livestorejvm.server.storage.SyncStorageContract.batch;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's protocol rules, hand-written edge cases over real WebSockets on loopback. */
class SyncServerProtocolTest {
    @TempDir
    Path dir;
    SyncServer server;
    final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = SyncServer.builder(new SqliteStorage(dir)).build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        server.close();
    }

    WsTestClient client(String storeId) throws Exception {
        WsTestClient c = WsTestClient.connect(server, storeId);
        clients.add(c);
        return c;
    }

    static ExitResult ok() {
        return new ExitResult.Success(RawJson.EMPTY_OBJECT);
    }

    static ExitResult ahead(long head, long provided) {
        return new ExitResult.Failure(new SyncError.ServerAheadError(head, provided));
    }

    static List<Long> seqs(ServerFrame.Chunk c) {
        List<Long> out = new ArrayList<>();
        for (PullResponse r : c.values()) for (PullEvent e : r.batch()) out.add(e.eventEncoded().seqNum());
        return out;
    }

    /** Pushes, returning the backendId learned from a pull. */
    String pushOk(WsTestClient c, List<EncodedEvent> b) throws Exception {
        String id = c.push(b, Optional.empty());
        assertEquals(ok(), c.exit(id).exit());
        return null;
    }

    String backendId(WsTestClient c) throws Exception {
        String id = c.pull(Optional.empty(), false);
        String backend = null;
        while (true) {
            ServerFrame f = c.next();
            if (f instanceof ServerFrame.Chunk ch) backend = ch.values().get(0).backendId();
            else break;
        }
        return backend;
    }

    @Test
    void pingPong() throws Exception {
        WsTestClient c = client("s");
        c.sendText("{\"_tag\":\"Ping\"}");
        assertEquals(new ServerFrame.Pong(), c.next());
    }

    @Test
    void pushThenNonLivePullFromNothing() throws Exception {
        WsTestClient c = client("s");
        pushOk(c, batch(1, 3));
        String id = c.pull(Optional.empty(), false);
        ServerFrame.Chunk ch = c.chunk(id);
        assertEquals(List.of(1L, 2L, 3L), seqs(ch));
        PullResponse r = ch.values().get(0);
        assertEquals(PageInfo.NO_MORE, r.pageInfo());
        RawJson meta = r.batch().get(0).metadata().orElseThrow();
        assertTrue(meta.json().matches("\\{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}"), meta.json());
        assertEquals(meta, r.batch().get(2).metadata().orElseThrow(), "one createdAt per batch");
        assertEquals(new ExitResult.Success(Optional.empty()), c.exit(id).exit());
    }

    @Test
    void liveEchoReachesEveryPullIncludingThePushersInAdmissionOrder() throws Exception {
        WsTestClient a = client("s");
        WsTestClient b = client("s");
        String pa = a.pull(Optional.empty(), true);
        String pb = b.pull(Optional.empty(), true);
        assertEquals(List.of(), seqs(a.chunk(pa)), "at least one chunk, even empty");
        assertEquals(List.of(), seqs(b.chunk(pb)));
        String push = a.push(batch(1, 2), Optional.empty());
        ServerFrame first = a.next();
        ServerFrame second = a.next();
        // the echo and the ack both reach the pusher (the echo first: it was published before the ack was sent)
        assertEquals(List.of(1L, 2L), seqs((ServerFrame.Chunk) first));
        assertEquals(new ServerFrame.Exit(push, ok()), second);
        assertEquals(List.of(1L, 2L), seqs(b.chunk(pb)));
        String push2 = b.push(batch(3, 1), Optional.empty());
        assertEquals(List.of(3L), seqs(b.chunk(pb)));
        assertEquals(ok(), b.exit(push2).exit());
        assertEquals(List.of(3L), seqs(a.chunk(pa)));
        assertEquals(PageInfo.NO_MORE, ((ServerFrame.Chunk) first).values().get(0).pageInfo());
    }

    @Test
    void staleParentsGapsDuplicatesAndBrokenBatchesAreRefusedWithServerAhead() throws Exception {
        WsTestClient c = client("s");
        pushOk(c, batch(1, 3));
        assertEquals(ahead(3, 1), c.exit(c.push(batch(2, 2), Optional.empty())).exit(), "stale parent");
        assertEquals(ahead(3, 0), c.exit(c.push(batch(1, 3), Optional.empty())).exit(), "a retry after a lost ack");
        assertEquals(ahead(3, 5), c.exit(c.push(batch(6, 1), Optional.empty())).exit(), "a gap");
        List<EncodedEvent> broken = new ArrayList<>(batch(4, 2));
        broken.add(batch(7, 1).get(0));
        assertEquals(ahead(3, 3), c.exit(c.push(broken, Optional.empty())).exit(), "a batch that does not chain onto itself");
        EncodedEvent wrongSeq = new EncodedEvent("x", RawJson.EMPTY_OBJECT, 5, 3, "c", "s");
        assertEquals(ahead(3, 3), c.exit(c.push(List.of(wrongSeq), Optional.empty())).exit(), "seqNum not parent + 1");
        String id = c.pull(Optional.empty(), false);
        assertEquals(List.of(1L, 2L, 3L), seqs(c.chunk(id)), "nothing of the refused pushes was stored");
        assertEquals(5, server.metrics().rejectedPushes());
    }

    @Test
    void emptyPushIsAckedAndStoresNothing() throws Exception {
        WsTestClient c = client("s");
        assertEquals(ok(), c.exit(c.push(List.of(), Optional.empty())).exit());
        assertEquals(0, server.metrics().acceptedPushes());
    }

    @Test
    void cursorAtTheHeadPastTheHeadAndWrongBackendId() throws Exception {
        WsTestClient c = client("s");
        pushOk(c, batch(1, 3));
        String backend = backendId(c);
        String id = c.pull(Optional.of(new Cursor(backend, 3)), false);
        ServerFrame.Chunk ch = c.chunk(id);
        assertEquals(List.of(), seqs(ch), "a cursor at the head: one empty chunk");
        assertEquals(PageInfo.NO_MORE, ch.values().get(0).pageInfo());
        assertEquals(new ExitResult.Success(Optional.empty()), c.exit(id).exit());
        id = c.pull(Optional.of(new Cursor(backend, 2)), false);
        assertEquals(List.of(3L), seqs(c.chunk(id)));
        c.exit(id);
        id = c.pull(Optional.of(new Cursor(backend, 9)), false);
        ExitResult.Failure f = (ExitResult.Failure) c.exit(id).exit();
        assertTrue(((SyncError.UnknownError) f.error()).note().orElseThrow().contains("cursor 9 is past the head 3"), f.toString());
        id = c.pull(Optional.of(new Cursor("other", 2)), true);
        assertEquals(new ExitResult.Failure(new SyncError.BackendIdMismatchError(backend, "other")), c.exit(id).exit());
        assertEquals(new ExitResult.Failure(new SyncError.BackendIdMismatchError(backend, "other")),
            c.exit(c.push(batch(4, 1), Optional.of("other"))).exit());
        assertEquals(ok(), c.exit(c.push(batch(4, 1), Optional.of(backend))).exit());
    }

    @Test
    void anUnknownStoreIsCreatedEmpty() throws Exception {
        WsTestClient c = client("never-seen");
        String id = c.pull(Optional.empty(), false);
        ServerFrame.Chunk ch = c.chunk(id);
        assertEquals(List.of(), seqs(ch));
        assertFalse(ch.values().get(0).backendId().isBlank());
        c.exit(id);
    }

    @Test
    void historyComesInChunksOf100WithMoreKnownThenNoMore() throws Exception {
        WsTestClient c = client("s");
        for (int i = 0; i < 5; i++) pushOk(c, batch(1 + 50 * i, 50));
        String id = c.pull(Optional.empty(), true);
        ServerFrame.Chunk c1 = c.chunk(id);
        ServerFrame.Chunk c2 = c.chunk(id);
        ServerFrame.Chunk c3 = c.chunk(id);
        assertEquals(100, seqs(c1).size());
        assertEquals(new PageInfo.MoreKnown(150), c1.values().get(0).pageInfo());
        assertEquals(new PageInfo.MoreKnown(50), c2.values().get(0).pageInfo());
        assertEquals(PageInfo.NO_MORE, c3.values().get(0).pageInfo());
        assertEquals(250L, seqs(c3).get(49));
        c.assertQuiet(200);   // a live pull does not end
    }

    @Test
    void bigEventsAreCutAt900KB() throws Exception {
        WsTestClient c = client("s");
        String text = "x".repeat(300_000);
        List<EncodedEvent> b = new ArrayList<>();
        for (int i = 1; i <= 3; i++) b.add(new EncodedEvent("v1.Big", new RawJson("{\"t\":\"" + text + "\"}"), i, i - 1, "c", "s"));
        pushOk(c, b.subList(0, 2));
        pushOk(c, b.subList(2, 3));
        String id = c.pull(Optional.empty(), false);
        ServerFrame.Chunk c1 = c.chunk(id);
        ServerFrame.Chunk c2 = c.chunk(id);
        assertEquals(List.of(1L, 2L), seqs(c1));
        assertEquals(new PageInfo.MoreKnown(1), c1.values().get(0).pageInfo());
        assertEquals(List.of(3L), seqs(c2));
        assertEquals(PageInfo.NO_MORE, c2.values().get(0).pageInfo());
    }

    @Test
    void badInputGetsAClearFailureAndTheSocketGoesOn() throws Exception {
        WsTestClient c = client("s");
        WsTestClient other = client("s");
        String live = other.pull(Optional.empty(), true);
        other.chunk(live);
        c.sendText("{\"_tag\":\"Request\",");
        assertTrue(((ServerFrame.Defect) c.next()).defect().json().contains("not JSON"));
        c.sendText("{\"_tag\":\"Hello\"}");
        assertTrue(((ServerFrame.Defect) c.next()).defect().json().contains("unknown _tag 'Hello'"));
        c.sendText("{\"_tag\":\"Request\",\"id\":\"77\",\"tag\":\"SyncWsRpc.Push\",\"headers\":[],\"payload\":{\"storeId\":\"s\",\"batch\":[{\"name\":\"x\"}],\"backendId\":{\"_tag\":\"None\"}}}");
        assertNote(c.exit("77"), "payload.batch[0].args: missing");
        c.sendText("{\"_tag\":\"Request\",\"id\":\"78\",\"tag\":\"SyncWsRpc.Pull\",\"headers\":[],\"payload\":{\"storeId\":\"s\",\"live\":\"yes\",\"cursor\":{\"_tag\":\"None\"}}}");
        assertNote(c.exit("78"), "payload.live: expected a boolean");
        assertNote(c.exit(c.push(batch(1, 101), Optional.empty())), "batch of 101 events exceeds 100");
        assertNote(c.exit(c.request(new SyncRequest.Push("t", Optional.empty(), batch(1, 1), Optional.empty()))), "names store 't' but the connection's URL names 's'");
        assertNote(c.exit(c.request(new SyncRequest.Push("s", Optional.of(new RawJson("{\"token\":\"x\"}")), batch(1, 1), Optional.empty()))),
            "payload differs from the connection URL's payload");
        String huge = "y".repeat(1_100_000);
        assertNote(c.exit(c.push(List.of(new EncodedEvent("v1.Big", new RawJson("\"" + huge + "\""), 1, 0, "c", "s")), Optional.empty())),
            "exceeds the limit of 1048576 bytes");
        c.sendText("{\"_tag\":\"Ping\"}");
        assertEquals(new ServerFrame.Pong(), c.next(), "the socket still works");
        other.assertQuiet(200);   // and nothing was stored or published
        assertEquals(ok(), c.exit(c.push(batch(1, 1), Optional.empty())).exit());
        assertEquals(List.of(1L), seqs(other.chunk(live)));
    }

    static void assertNote(ServerFrame.Exit exit, String fragment) {
        ExitResult.Failure f = assertInstanceOf(ExitResult.Failure.class, exit.exit());
        String note = ((SyncError.UnknownError) f.error()).note().orElseThrow();
        assertTrue(note.contains(fragment), note);
    }

    @Test
    void aPlainRequestOnTheWebSocketUrlGets426() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/?storeId=s&transport=ws")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(426, r.statusCode());
        assertTrue(r.body().contains("takes a WebSocket upgrade"), r.body());
    }

    @Test
    void interruptEndsALivePullAndClosingFreesSubscriptions() throws Exception {
        WsTestClient a = client("s");
        WsTestClient b = client("s");
        String pa = a.pull(Optional.empty(), true);
        a.chunk(pa);
        String pb = b.pull(Optional.empty(), true);
        b.chunk(pb);
        assertEquals(2, server.liveSubscriptions("s"));
        a.sendText("{\"_tag\":\"Interrupt\",\"requestId\":\"" + pa + "\"}");
        long until = System.currentTimeMillis() + 5000;   // frames of different sockets race: wait until it is handled
        while (server.liveSubscriptions("s") > 1 && System.currentTimeMillis() < until) Thread.sleep(10);
        String push = b.push(batch(1, 1), Optional.empty());
        assertEquals(List.of(1L), seqs(b.chunk(pb)));
        assertEquals(ok(), b.exit(push).exit());
        a.assertQuiet(300);
        b.close();
        long deadline = System.currentTimeMillis() + 5000;
        while (server.liveSubscriptions("s") > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(0, server.liveSubscriptions("s"));
    }

    @Test
    void racingPushersAndLateSubscribersSeeOneOrderWithoutDuplicates() throws Exception {
        int pushers = 4;
        int perPusher = 25;
        List<WsTestClient> ps = new ArrayList<>();
        for (int i = 0; i < pushers; i++) ps.add(client("race"));
        WsTestClient early = client("race");
        String pe = early.pull(Optional.empty(), true);
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        for (int i = 0; i < pushers; i++) {
            WsTestClient p = ps.get(i);
            int me = i;
            Thread t = new Thread(() -> {
                try {
                    long head = 0;
                    int done = 0;
                    while (done < perPusher) {
                        EncodedEvent e = new EncodedEvent("v1.E", new RawJson("{\"p\":" + me + "}"), head + 1, head, "c" + me, "s");
                        ServerFrame.Exit x = p.exit(p.push(List.of(e), Optional.empty()));
                        if (x.exit() instanceof ExitResult.Success) {
                            done++;
                            head++;
                            accepted.incrementAndGet();
                        } else {
                            head = ((SyncError.ServerAheadError) ((ExitResult.Failure) x.exit()).error()).minimumExpectedNum();
                        }
                    }
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            threads.add(t);
            t.start();
        }
        Thread.sleep(50);
        WsTestClient late = client("race");
        String pl = late.pull(Optional.empty(), true);
        for (Thread t : threads) t.join(60_000);
        long total = pushers * perPusher;
        assertEquals(total, accepted.get());
        for (WsTestClient sub : List.of(early, late)) {
            String req = sub == early ? pe : pl;
            List<Long> seen = new ArrayList<>();
            while (seen.size() < total) seen.addAll(seqs(sub.chunk(req)));
            for (int i = 0; i < total; i++) assertEquals(i + 1, seen.get(i), "gap-free and duplicate-free");
            sub.assertQuiet(100);
        }
    }

    @Test
    void serverAheadSendsTheMissingEventsOnThatSocketsLivePull() throws Exception {
        // the rule is a no-op while live pulls never miss a batch; check that it never sends a duplicate either
        WsTestClient a = client("s");
        WsTestClient b = client("s");
        String pa = a.pull(Optional.empty(), true);
        a.chunk(pa);
        pushOk(b, batch(1, 2));
        assertEquals(List.of(1L, 2L), seqs(a.chunk(pa)));
        assertEquals(ahead(2, 0), a.exit(a.push(batch(1, 1), Optional.empty())).exit());
        a.assertQuiet(300);
    }
}
