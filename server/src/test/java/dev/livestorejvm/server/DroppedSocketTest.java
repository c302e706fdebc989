package dev.livestorejvm.server;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket dropped in the middle of a chunk frame (a TCP reset after part of the frame was read), during a
 * catch-up and during a live echo: the server frees the pull, and the client, reconnecting from the last
 * chunk it read whole, gets every later event exactly once, in order.
 */
class DroppedSocketTest {
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

    static EncodedEvent event(long seq, int padding) {
        return new EncodedEvent("v1.TodoCreated", new RawJson("{\"id\":\"t" + seq + "\",\"text\":\"" + "x".repeat(padding) + "\"}"), seq, seq - 1, "c", "s");
    }

    /** Pushes events from..to (inclusive) in batches of up to 100 and waits for each ack. */
    void push(String storeId, long from, long to, int padding) throws Exception {
        WsTestClient c = WsTestClient.connect(server, storeId);
        clients.add(c);
        for (long first = from; first <= to; first += 100) {
            List<EncodedEvent> batch = new ArrayList<>();
            for (long s = first; s <= Math.min(to, first + 99); s++) batch.add(event(s, padding));
            assertEquals(new ExitResult.Success(RawJson.EMPTY_OBJECT), c.exit(c.push(batch, Optional.empty())).exit());
        }
    }

    RawWsSocket rawPull(String storeId) throws Exception {
        RawWsSocket raw = RawWsSocket.connect(server, "/?" + SyncUrl.query(storeId, Optional.empty(), "ws"));
        raw.sendText(SyncCodec.encode(new ClientFrame.Request("p", RpcGroup.WS, new SyncRequest.Pull(storeId, Optional.empty(), Optional.empty(), true))));
        return raw;
    }

    /** Reads the header and half of the next frame's payload, then resets the connection. */
    static void dropMidFrame(RawWsSocket raw) throws Exception {
        RawWsSocket.FrameHeader h = raw.readHeader();
        assertTrue(h.length() > 1_000, "a frame long enough to cut: " + h.length());
        raw.readPayload(h.length() / 2);
        raw.reset();
    }

    void awaitNoLivePulls(String storeId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.liveSubscriptions(storeId) > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(0, server.liveSubscriptions(storeId), "the dropped socket's live pull is freed");
    }

    /** Reconnects with a live pull from {@code cursor} and collects events until {@code head}; then nothing more comes. */
    List<Long> resume(String storeId, String backendId, long cursor, long head) throws Exception {
        WsTestClient c = WsTestClient.connect(server, storeId);
        clients.add(c);
        String id = c.pull(Optional.of(new Cursor(backendId, cursor)), true);
        List<Long> seqs = new ArrayList<>();
        while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < head) {
            for (PullEvent e : c.chunk(id).values().get(0).batch()) seqs.add(e.eventEncoded().seqNum());
        }
        c.assertQuiet(300);
        return seqs;
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) out.add(s);
        return out;
    }

    @Test
    void droppedDuringCatchUpResumesFromTheLastWholeChunk() throws Exception {
        push("catch-up", 1, 1_050, 200);
        RawWsSocket raw = rawPull("catch-up");
        List<Long> got = new ArrayList<>();
        String backendId = null;
        for (int i = 0; i < 2; i++) {
            ServerFrame.Chunk c = (ServerFrame.Chunk) SyncCodec.decodeServer(raw.readText());
            PullResponse r = c.values().get(0);
            assertInstanceOf(PageInfo.MoreKnown.class, r.pageInfo());
            backendId = r.backendId();
            for (PullEvent e : r.batch()) got.add(e.eventEncoded().seqNum());
        }
        assertEquals(range(1, 200), got);
        dropMidFrame(raw);
        awaitNoLivePulls("catch-up");
        push("catch-up", 1_051, 1_060, 10);   // the log moves on meanwhile
        assertEquals(range(201, 1_060), resume("catch-up", backendId, 200, 1_060), "no gap, no duplicate");
    }

    @Test
    void droppedDuringALiveEchoResumesWithThatBatchOnce() throws Exception {
        push("live", 1, 10, 10);
        RawWsSocket raw = rawPull("live");
        PullResponse caughtUp = ((ServerFrame.Chunk) SyncCodec.decodeServer(raw.readText())).values().get(0);
        assertEquals(PageInfo.NO_MORE, caughtUp.pageInfo());
        assertEquals(10, caughtUp.batch().size());
        push("live", 11, 110, 4_000);       // a ~400 KB echo, cut below
        dropMidFrame(raw);
        awaitNoLivePulls("live");
        push("live", 111, 115, 10);
        assertEquals(range(11, 115), resume("live", caughtUp.backendId(), 10, 115), "no gap, no duplicate");
    }
}
