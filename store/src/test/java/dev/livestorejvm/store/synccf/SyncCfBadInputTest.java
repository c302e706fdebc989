package dev.livestorejvm.store.synccf;

import static dev.livestorejvm.store.synccf.MisbehavingServer.BACKEND;
import static dev.livestorejvm.store.synccf.MisbehavingServer.chunk;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that misbehaves on its first connection: the client logs the frame, drops the socket,
 * reconnects, re-pulls from the caller's cursor, and its listener never sees a bad page.
 */
class SyncCfBadInputTest {
    static final List<EncodedEvent> LOG = TestEvents.batch(1, 5, "other");

    static EncodedEvent e(int seq) {
        return LOG.get(seq - 1);
    }

    /** What the first connection answers to the pull; {@code delivered}: how many good events it sends before misbehaving. */
    enum Bad {
        MALFORMED_JSON(0, (c, id) -> c.send("{\"_tag\":\"Chunk\",\"requestId\":\"" + id + "\",\"values\":[{\"batch\":[")),
        UNKNOWN_TAG(0, (c, id) -> c.send("{\"_tag\":\"Surprise\",\"requestId\":\"" + id + "\"}")),
        MISSING_BACKEND_ID(0, (c, id) -> c.send(chunk(id, LOG, PageInfo.NO_MORE).replace(",\"backendId\":\"" + BACKEND + "\"", ""))),
        DUPLICATED_CHUNK(3, (c, id) -> {
            c.send(chunk(id, LOG.subList(0, 3), PageInfo.NO_MORE));
            c.send(chunk(id, LOG.subList(0, 3), PageInfo.NO_MORE));
        }),
        BELOW_HEAD(3, (c, id) -> {
            c.send(chunk(id, LOG.subList(0, 3), PageInfo.NO_MORE));
            c.send(chunk(id, List.of(e(2)), PageInfo.NO_MORE));
        }),
        OUT_OF_ORDER(0, (c, id) -> c.send(chunk(id, List.of(e(2), e(1), e(3)), PageInfo.NO_MORE))),
        GAP(0, (c, id) -> c.send(chunk(id, List.of(e(1), e(2), e(4)), PageInfo.NO_MORE))),
        BAD_SECOND_PAGE_OF_A_CHUNK(0, (c, id) -> {
            List<PullEvent> one = List.of(new PullEvent(e(1), Optional.empty()));
            List<PullEvent> dup = List.of(new PullEvent(e(1), Optional.empty()));
            c.send(SyncCodec.encode(new ServerFrame.Chunk(id, List.of(new PullResponse(one, new PageInfo.MoreKnown(4), BACKEND),
                new PullResponse(dup, PageInfo.NO_MORE, BACKEND)))));
        }),
        CHUNK_FOR_UNKNOWN_REQUEST(0, (c, id) -> c.send(chunk("999", LOG, PageInfo.NO_MORE))),
        EXIT_FOR_UNKNOWN_REQUEST(0, (c, id) -> c.send(SyncCodec.encode(new ServerFrame.Exit("998", new ExitResult.Success(RawJson.EMPTY_OBJECT))))),
        EXIT_OF_A_LIVE_PULL(3, (c, id) -> {
            c.send(chunk(id, LOG.subList(0, 3), PageInfo.NO_MORE));
            c.send(SyncCodec.encode(new ServerFrame.Exit(id, ExitResult.Success.VOID)));
        }),
        OVERSIZED_FRAME(0, (c, id) -> {
            EncodedEvent big = new EncodedEvent(e(1).name(), new RawJson("{\"text\":\"" + "x".repeat(100_000) + "\"}"), 1, 0, "other", "s");
            c.send(chunk(id, List.of(big), PageInfo.NO_MORE));
        }),
        BINARY_FRAME(0, (c, id) -> c.sendBinary(new byte[] {1, 2, 3}));

        final int delivered;
        final Answer answer;

        Bad(int delivered, Answer answer) {
            this.delivered = delivered;
            this.answer = answer;
        }
    }

    interface Answer {
        void send(MisbehavingServer.Conn conn, String requestId) throws Exception;
    }

    static SyncCfClient client(MisbehavingServer server, Duration pingInterval, Duration pingTimeout) {
        return SyncCfClient.webSocket(SyncCfOptions.builder(server.uri(), "bad").maxFrameChars(64 * 1024)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).ping(pingInterval, pingTimeout).build());
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void dropsReconnectsAndRepullsFromTheCallersCursor(Bad bad) throws Exception {
        AtomicBoolean misbehaved = new AtomicBoolean();
        try (MisbehavingServer server = new MisbehavingServer(LOG, index -> (conn, frame) -> {
            if (index == 0 && frame instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Pull && !misbehaved.getAndSet(true)) {
                bad.answer.send(conn, r.id());
            } else {
                conn.serve(frame);
            }
        }); SyncCfClient client = client(server, Duration.ofSeconds(10), Duration.ofSeconds(10))) {
            Recorder r = new Recorder();
            client.pull(Optional.empty(), true, r, r);
            r.awaitSeqs(5);
            Thread.sleep(100);   // room for anything extra to show up
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.seqs(), "each event once, in order, none from the bad frame");
            List<EncodedEvent> got = new ArrayList<>();
            for (PullResponse p : r.pages) for (PullEvent e : p.batch()) got.add(e.eventEncoded());
            assertEquals(LOG, got);
            assertTrue(r.lostConnection("bad input from the server"), "told: " + r.errors);
            assertTrue(r.errors.stream().noneMatch(PullError::terminal), "the live pull goes on: " + r.errors);
            assertTrue(server.connections.get() >= 2, "reconnected");
            Optional<Cursor> resumed = bad.delivered == 0 ? Optional.empty() : Optional.of(new Cursor(BACKEND, bad.delivered));
            assertEquals(List.of(Optional.empty(), resumed), server.pullCursors.subList(0, 2), "the second pull starts at the caller's cursor");
            assertEquals(resumed, r.restarts.get(0), "the listener is told where the pull restarts");
        }
    }

    @Test
    void aServerThatStopsAnsweringPingsIsDisconnectedAndReconnected() throws Exception {
        try (MisbehavingServer server = new MisbehavingServer(LOG, index -> {
            AtomicBoolean pongedOnce = new AtomicBoolean();
            return (conn, frame) -> {
                if (index == 0 && frame instanceof ClientFrame.Ping && pongedOnce.getAndSet(true)) return;   // silent from the second ping on
                conn.serve(frame);
            };
        }); SyncCfClient client = client(server, Duration.ofMillis(200), Duration.ofMillis(600))) {
            List<Boolean> changes = new CopyOnWriteArrayList<>();
            client.onConnectedChange(changes::add);
            Recorder r = new Recorder();
            client.pull(Optional.empty(), true, r, r);
            Recorder.await("down and up again", Duration.ofSeconds(20), () -> changes.size() >= 3);
            assertEquals(List.of(true, false, true), changes.subList(0, 3));
            assertTrue(r.lostConnection("no Pong within 600 ms"), "told: " + r.errors);
            Recorder.await("the pull re-issued", Duration.ofSeconds(20), () -> server.pullCursors.size() >= 2);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.seqs());
            assertEquals(Optional.of(new Cursor(BACKEND, 5)), server.pullCursors.get(1));
        }
    }

    @Test
    void pushesAreOfflineWhenTheConnectionDropsBeforeTheirAnswer() throws Exception {
        try (MisbehavingServer server = new MisbehavingServer(LOG, index -> (conn, frame) -> {
            if (index == 0 && frame instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Push) {
                conn.send("not json at all");
            } else {
                conn.serve(frame);
            }
        }); SyncCfClient client = client(server, Duration.ofSeconds(10), Duration.ofSeconds(10))) {
            Recorder.await("connected", Duration.ofSeconds(20), client::connected);
            PushResult first = client.push(TestEvents.batch(6, 1, "me"), Optional.of(BACKEND)).get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(first instanceof PushResult.Offline o && o.reason().contains("bad input"), String.valueOf(first));
            Recorder.await("reconnected", Duration.ofSeconds(20), client::connected);
            assertEquals(PushResult.OK, client.push(TestEvents.batch(6, 1, "me"), Optional.of(BACKEND)).get(20, java.util.concurrent.TimeUnit.SECONDS));
        }
    }
}
