package dev.livestorejvm.store.synccf;

import static dev.livestorejvm.store.synccf.MisbehavingServer.BACKEND;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HTTP transport against a server (the JDK's HTTP server) whose first pull answer is bad. */
class SyncCfHttpBadInputTest {
    static final List<EncodedEvent> LOG = TestEvents.batch(1, 5, "other");

    static String answer(String id, List<EncodedEvent> events) {
        List<PullEvent> batch = new ArrayList<>();
        for (EncodedEvent e : events) batch.add(new PullEvent(e, Optional.empty()));
        return SyncCodec.encodeArray(List.of(new ServerFrame.Chunk(id, List.of(new PullResponse(batch, PageInfo.NO_MORE, BACKEND))),
            new ServerFrame.Exit(id, ExitResult.Success.VOID)));
    }

    enum Bad {
        NOT_AN_ARRAY((id, events) -> "{\"_tag\":\"Exit\",\"requestId\":\"" + id + "\"}"),
        TRUNCATED((id, events) -> answer(id, events).substring(0, 40)),
        DUPLICATE_EVENT((id, events) -> answer(id, List.of(events.get(0), events.get(1), events.get(1)))),
        CHUNK_FOR_ANOTHER_REQUEST((id, events) -> answer("x" + id, events)),
        NO_EXIT((id, events) -> SyncCodec.encodeArray(List.of(new ServerFrame.Chunk(id, List.of())))),
        SERVER_ERROR_STATUS((id, events) -> null);

        final BiFunction<String, List<EncodedEvent>, String> body;

        Bad(BiFunction<String, List<EncodedEvent>, String> body) {
            this.body = body;
        }
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void aBadAnswerIsNeverDeliveredAndThePullResumesFromTheCallersCursor(Bad bad) throws Exception {
        List<Optional<Cursor>> cursors = new CopyOnWriteArrayList<>();
        AtomicBoolean misbehaved = new AtomicBoolean();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ClientFrame.Request r = (ClientFrame.Request) SyncCodec.decodeClient(body);
            String out;
            int status = 200;
            if (r.payload() instanceof SyncRequest.Pull p) {
                cursors.add(p.cursor());
                long from = p.cursor().map(Cursor::eventSequenceNumber).orElse(0L);
                List<EncodedEvent> after = LOG.stream().filter(e -> e.seqNum() > from).toList();
                if (!misbehaved.getAndSet(true)) {
                    out = bad.body.apply(r.id(), after);
                    if (out == null) {
                        status = 503;
                        out = "overloaded";
                    }
                } else {
                    out = answer(r.id(), after);
                }
            } else {
                out = SyncCodec.encodeArray(List.of(new ServerFrame.Exit(r.id(), new ExitResult.Success(new RawJson("{\"_tag\":\"SyncMessage.Pong\"}")))));
            }
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try (SyncCfClient client = SyncCfClient.http(SyncCfOptions.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "bad")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).pollInterval(Duration.ofMillis(100)).build())) {
            Recorder r = new Recorder();
            client.pull(Optional.empty(), true, r, r);
            r.awaitSeqs(5);
            Thread.sleep(300);   // a few more polls
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.seqs());
            assertTrue(r.errors.size() >= 1 && r.errors.stream().noneMatch(PullError::terminal), String.valueOf(r.errors));
            assertEquals(List.of(Optional.empty(), Optional.empty()), cursors.subList(0, 2), "nothing was delivered, so the caller's cursor is still empty");
            assertEquals(Optional.of(new Cursor(BACKEND, 5)), cursors.get(cursors.size() - 1), "later polls go on from the last delivered event");
        } finally {
            server.stop(0);
        }
    }
}
