package dev.livestorejvm.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames that two unmodified LiveStore 0.4.0 clients (adapter-node, sync-cf's makeWsSync, with an auth
 * payload) sent over WebSocket, recorded by a logging proxy between them and this server
 * ({@code recorded/livestore-0.4.0-ws-two-clients.jsonl}: one line per connection's upgrade request and
 * per text frame, in the order they arrived). Replayed in that order against a fresh server, waiting for
 * each request's answer, they must get the answers the clients got: every frame decodes, A's two pushes
 * are admitted, B's first push (parent 0, sent before it had pulled A's events) is refused with
 * ServerAheadError, B's rebased push is admitted, and both live pulls see the log 1..3 once, in order.
 */
class RecordedFramesReplayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BACKEND_ID = Pattern.compile("\"backendId\":\\{\"_tag\":\"Some\",\"value\":\"([^\"]+)\"\\}");

    @TempDir
    Path dir;
    SyncServer server;
    final Map<Integer, WsTestClient> clients = new HashMap<>();

    @AfterEach
    void stop() {
        clients.values().forEach(WsTestClient::close);
        if (server != null) server.close();
    }

    static List<JsonNode> recording() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = RecordedFramesReplayTest.class.getResourceAsStream("/recorded/livestore-0.4.0-ws-two-clients.jsonl")) {
            assertNotNull(in, "the recording is on the test class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void realClientFramesGetTheAnswersTheClientsGot() throws Exception {
        SqliteStorage storage = new SqliteStorage(dir);
        server = SyncServer.builder(storage).build().start();
        Map<Integer, List<Long>> seen = new HashMap<>();
        List<String> outcomes = new ArrayList<>();
        String recordedBackendId = null;
        String liveBackendId = null;
        for (JsonNode line : recording()) {
            int conn = line.get("conn").asInt();
            if (line.has("request")) {
                // "GET /?storeId=...&payload=...&transport=ws HTTP/1.1": connect as that client did
                String query = line.get("request").asText().split(" ")[1].substring(2);
                Map<String, String> params = new HashMap<>();
                for (String kv : query.split("&")) params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                String storeId = URLDecoder.decode(params.get("storeId"), StandardCharsets.UTF_8);
                RawJson payload = SyncUrl.decodePayload(URLDecoder.decode(params.get("payload"), StandardCharsets.UTF_8));
                clients.put(conn, WsTestClient.connect(server, storeId, Optional.of(payload)));
                seen.put(conn, new ArrayList<>());
                continue;
            }
            String frame = line.get("frame").asText();
            Matcher m = BACKEND_ID.matcher(frame);
            if (m.find()) {   // the recording server's backendId stands for this server's
                if (recordedBackendId == null) recordedBackendId = m.group(1);
                assertEquals(recordedBackendId, m.group(1));
                assertNotNull(liveBackendId, "a backendId is sent only after a pull told it");
                frame = frame.replace(recordedBackendId, liveBackendId);
            }
            ClientFrame decoded = SyncCodec.decodeClient(frame);   // every real frame decodes
            WsTestClient c = clients.get(conn);
            c.sendText(frame);
            if (decoded instanceof ClientFrame.Ping) {
                assertInstanceOf(ServerFrame.Pong.class, nextSkippingChunks(c, seen.get(conn)));
            } else if (decoded instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Pull) {
                ServerFrame.Chunk first = c.chunk(r.id());
                PullResponse response = first.values().get(0);
                liveBackendId = response.backendId();
                for (PullEvent e : response.batch()) seen.get(conn).add(e.eventEncoded().seqNum());
            } else if (decoded instanceof ClientFrame.Request r && r.payload() instanceof SyncRequest.Push) {
                ServerFrame f;
                do {
                    f = nextSkippingChunks(c, seen.get(conn));
                } while (f instanceof ServerFrame.Pong);
                ServerFrame.Exit exit = assertInstanceOf(ServerFrame.Exit.class, f);
                assertEquals(r.id(), exit.requestId());
                outcomes.add(conn + ":" + r.id() + " " + describe(exit.exit()));
            }
            // Ack and Interrupt (of a finished push) have no answer
        }
        assertEquals(List.of("1:1 ok", "1:2 ok", "2:1 ServerAheadError(2, 0)", "2:2 ok"), outcomes);
        for (Map.Entry<Integer, WsTestClient> e : clients.entrySet()) {
            List<Long> got = seen.get(e.getKey());
            long deadline = System.currentTimeMillis() + 10_000;
            while (got.size() < 3 && System.currentTimeMillis() < deadline) {
                ServerFrame f = e.getValue().next();
                if (f instanceof ServerFrame.Chunk ch) for (PullEvent ev : ch.values().get(0).batch()) got.add(ev.eventEncoded().seqNum());
            }
            assertEquals(List.of(1L, 2L, 3L), got, "connection " + e.getKey() + "'s live pull: the log once, in order");
        }
        List<String> log = new ArrayList<>();
        for (PullEvent e : storage.read("rec-store2", 0, 100, 100).events()) {
            log.add(e.eventEncoded().seqNum() + "/" + e.eventEncoded().parentSeqNum() + " " + e.eventEncoded().name() + " " + e.eventEncoded().clientId());
        }
        assertEquals(List.of("1/0 v1.TodoCreated A", "2/1 v1.TodoRenamed A", "3/2 v1.TodoCreated B"), log);
    }

    /** The next frame that is not a chunk; chunks (live pull echoes) are collected on the way. */
    static ServerFrame nextSkippingChunks(WsTestClient c, List<Long> seen) throws Exception {
        while (true) {
            ServerFrame f = c.next();
            if (!(f instanceof ServerFrame.Chunk ch)) return f;
            for (PullEvent e : ch.values().get(0).batch()) seen.add(e.eventEncoded().seqNum());
        }
    }

    static String describe(ExitResult exit) {
        if (exit instanceof ExitResult.Success) return "ok";
        if (exit instanceof ExitResult.Failure f && f.error() instanceof SyncError.ServerAheadError s) {
            return "ServerAheadError(" + s.minimumExpectedNum() + ", " + s.providedNum() + ")";
        }
        return exit.toString();
    }
}
