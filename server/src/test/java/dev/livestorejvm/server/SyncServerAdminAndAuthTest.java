package dev.livestorejvm.server;

import static dev.livestorejvm.server.storage.SyncStorageContract.batch;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, admin endpoints, metrics and the HTTP transport's bad input, over real HTTP on loopback. */
class SyncServerAdminAndAuthTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    SyncServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String httpRequest(String id, SyncRequest req) {
        return SyncCodec.encode(new ClientFrame.Request(id, RpcGroup.HTTP, req));
    }

    @Test
    void tokensFromAFileGuardEachStore() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# store token\nalpha secret-a\nbeta secret-b\n");
        server = SyncServer.builder(new SqliteStorage(dir.resolve("data"))).authorizer(TokenAuthorizer.fromFile(tokens)).build().start();
        Optional<RawJson> good = Optional.of(new RawJson("{\"authToken\":\"secret-a\"}"));
        try (WsTestClient ok = WsTestClient.connect(server, "alpha", good)) {
            String id = ok.request(new SyncRequest.Push("alpha", good, batch(1, 1), Optional.empty()));
            assertEquals(new ExitResult.Success(RawJson.EMPTY_OBJECT), ok.exit(id).exit());
        }
        // a token of another store, none, a wrong one: the upgrade is refused with 403
        for (Optional<RawJson> bad : List.of(Optional.of(new RawJson("{\"authToken\":\"secret-b\"}")), Optional.<RawJson>empty(),
                Optional.of(new RawJson("{\"authToken\":\"nope\"}")))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> WsTestClient.connect(server, "alpha", bad));
            assertTrue(e.getCause().getMessage().contains("403"), e.getCause().getMessage());
        }
        // HTTP transport: the bearer header works too; a denied request is 403 with a reason
        String q = "/?" + SyncUrl.query("beta", Optional.empty(), "http");
        HttpResponse<String> r = post(q, httpRequest("1", new SyncRequest.Ping("beta", Optional.empty())), "Authorization", "Bearer secret-b");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("SyncMessage.Pong"), r.body());
        r = post(q, httpRequest("1", new SyncRequest.Ping("beta", Optional.empty())), "Authorization", "Bearer secret-a");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("does not grant store 'beta'"), r.body());
        assertEquals(4, server.metrics().deniedRequests());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            Files.writeString(tokens, "alpha\n");
            TokenAuthorizer.fromFile(tokens);
        });
        assertTrue(e.getMessage().contains("line 1: expected '<storeId> <token>'"), e.getMessage());
    }

    @Test
    void adminListsExportsImportsAndResets() throws Exception {
        server = SyncServer.builder(new SqliteStorage(dir.resolve("data"))).adminToken("adm").build().start();
        try (WsTestClient c = WsTestClient.connect(server, "s1")) {
            c.exit(c.push(batch(1, 3), Optional.empty()));
        }
        assertEquals(401, get("/admin/stores").statusCode());
        HttpResponse<String> r = get("/admin/stores", "Authorization", "Bearer adm");
        JsonNode stores = JSON.readTree(r.body());
        assertEquals("s1", stores.get(0).get("storeId").asText());
        assertEquals(3, stores.get(0).get("head").asLong());
        assertEquals(3, stores.get(0).get("eventCount").asLong());
        String backend = stores.get(0).get("backendId").asText();

        String lines = get("/admin/stores/s1/export", "Authorization", "Bearer adm").body();
        assertEquals(3, lines.lines().count(), lines);
        assertTrue(lines.lines().findFirst().orElseThrow().startsWith("{\"eventEncoded\":{\"name\":\"v1.TodoCreated\""), lines);
        r = post("/admin/stores/s2/import", lines, "Authorization", "Bearer adm");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(3, JSON.readTree(r.body()).get("imported").asLong());
        assertEquals(lines.replaceAll("\"metadata\":.*}", ""), get("/admin/stores/s2/export", "Authorization", "Bearer adm").body().replaceAll("\"metadata\":.*}", ""));
        r = post("/admin/stores/s2/import", lines, "Authorization", "Bearer adm");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("has parent 0 but the store's head is 3"), r.body());
        r = post("/admin/stores/s3/import", "{\"name\":1}\n", "Authorization", "Bearer adm");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("line 1: not an event"), r.body());

        try (WsTestClient live = WsTestClient.connect(server, "s1")) {
            String id = live.pull(Optional.empty(), true);
            live.chunk(id);
            r = post("/admin/stores/s1/reset", "", "Authorization", "Bearer adm");
            JsonNode reset = JSON.readTree(r.body());
            assertNotEquals(backend, reset.get("backendId").asText());
            assertEquals(0, reset.get("head").asLong());
            ServerFrame.Exit x = live.exit(id);
            assertEquals(new ExitResult.Failure(new SyncError.BackendIdMismatchError(reset.get("backendId").asText(), backend)), x.exit(),
                "live pulls end with the mismatch, so clients follow their reset policy");
        }
        assertEquals(200, get("/health").statusCode());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("\n# TYPE livestore_sync_pushes_total counter\nlivestore_sync_pushes_total 2\n"), metrics);
        assertTrue(metrics.contains("livestore_sync_events_accepted_total 6\n"), metrics);
    }

    @Test
    void httpTransportBadInput() throws Exception {
        server = SyncServer.builder(new SqliteStorage(dir.resolve("data"))).build().start();
        String q = "/?" + SyncUrl.query("s", Optional.empty(), "http");
        HttpResponse<String> r = get(q);
        assertEquals(405, r.statusCode());
        // on a connection of its own: the server closes it after refusing the body
        r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + q)).POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_100_000))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        r = post(q, "{nope");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("[{\"_tag\":\"Defect\""), r.body());
        r = post("/?storeId=s&transport=carrier-pigeon", "{}");
        assertEquals(400, r.statusCode());
        r = post("/?storeId=s&transport=http&payload=%257Bx", "{}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("payload"), r.body());
        // a push and a pull over HTTP
        r = post(q, httpRequest("0", new SyncRequest.Push("s", Optional.empty(), batch(1, 2), Optional.empty())));
        assertEquals("[{\"_tag\":\"Exit\",\"requestId\":\"0\",\"exit\":{\"_tag\":\"Success\",\"value\":{}}}]", r.body());
        r = post(q, httpRequest("1", new SyncRequest.Pull("s", Optional.empty(), Optional.empty(), false)));
        List<ServerFrame> frames = SyncCodec.decodeServerArray(r.body());
        assertEquals(2, frames.size(), r.body());
        assertEquals(2, ((ServerFrame.Chunk) frames.get(0)).values().get(0).batch().size());
        assertEquals(new ServerFrame.Exit("1", ExitResult.Success.VOID), frames.get(1));
        assertEquals(404, get("/nothing").statusCode());
    }
}
