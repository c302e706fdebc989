package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP transport's counterpart of the server's WebSocket replay: every request two unmodified LiveStore 0.4.0
 * clients (adapter-node, sync-cf's {@code makeHttpSync}) sent, with the answer they got, recorded by
 * {@link HttpFramesRecorder} ({@code recorded/livestore-0.4.0-http-two-clients.jsonl}: pings, polling pulls from
 * no cursor and from a cursor, A's pushes, B's push refused with {@code ServerAheadError(2, 1)} and its rebased
 * push). Replayed in the recorded order against a fresh server, each request gets the recorded answer, byte for
 * byte once the backendId and the createdAt times (this server's own, and the clock's) are set aside.
 */
class RecordedHttpReplayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BACKEND_ID = Pattern.compile("\"backendId\":\"([^\"]+)\"");
    static final Pattern CREATED_AT = Pattern.compile("\"createdAt\":\"[^\"]+\"");

    @TempDir
    Path dir;

    static List<JsonNode> recording() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = RecordedHttpReplayTest.class.getResourceAsStream("/recorded/livestore-0.4.0-http-two-clients.jsonl")) {
            assertNotNull(in, "the recording is on the test class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** The backendId and the clock's times set aside; everything else as sent. */
    static String normalized(String body, String backendId) {
        String s = CREATED_AT.matcher(body).replaceAll("\"createdAt\":\"<time>\"");
        return backendId == null ? s : s.replace(backendId, "<backendId>");
    }

    @Test
    void realHttpClientRequestsGetTheAnswersTheClientsGot() throws Exception {
        List<JsonNode> recording = recording();
        String recordedBackendId = null;
        for (JsonNode line : recording) {
            Matcher m = BACKEND_ID.matcher(line.get("response").asText());
            if (m.find()) {
                recordedBackendId = m.group(1);
                break;
            }
        }
        assertNotNull(recordedBackendId, "the recording holds a pull's answer");
        SqliteStorage storage = new SqliteStorage(dir);
        HttpClient http = HttpClient.newHttpClient();
        int serverAhead = 0;
        try (SyncServer server = SyncServer.builder(storage).build().start()) {
            String liveBackendId = null;
            for (int i = 0; i < recording.size(); i++) {
                JsonNode line = recording.get(i);
                String body = line.get("body").asText();
                if (body.contains(recordedBackendId)) {
                    assertNotNull(liveBackendId, "exchange " + i + ": a backendId is sent only after a pull told it");
                    body = body.replace(recordedBackendId, liveBackendId);
                }
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + line.get("target").asText()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (liveBackendId == null) {
                    Matcher m = BACKEND_ID.matcher(answer.body());
                    if (m.find()) liveBackendId = m.group(1);
                }
                String request = JSON.readTree(body).path("tag").asText() + " " + JSON.readTree(body).path("id").asText();
                assertEquals(line.get("status").asInt(), answer.statusCode(), "exchange " + i + " (" + request + ")");
                assertEquals(normalized(line.get("response").asText(), recordedBackendId), normalized(answer.body(), liveBackendId),
                    "exchange " + i + " (" + request + ")");
                if (answer.body().contains("ServerAheadError")) serverAhead++;
            }
        }
        assertEquals(1, serverAhead, "B's stale push was refused once");
        List<String> log = new ArrayList<>();
        try (SqliteStorage reopened = new SqliteStorage(dir)) {
            for (PullEvent e : reopened.read("rec-http", 0, 100, 100).events()) {
                log.add(e.eventEncoded().seqNum() + "/" + e.eventEncoded().parentSeqNum() + " " + e.eventEncoded().name() + " " + e.eventEncoded().clientId());
            }
        }
        assertEquals(List.of("1/0 v1.TodoCreated A", "2/1 v1.TodoRenamed A", "3/2 v1.TodoRenamed B"), log);
    }
}
