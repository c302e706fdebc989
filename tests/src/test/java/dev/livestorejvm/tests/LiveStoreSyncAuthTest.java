package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.server.Authorizer;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.TokenAuthorizer;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.server.storage.SyncStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified LiveStore 0.4.0 clients (adapter-node with sync-cf's makeWsSync) pass an auth payload
 * ({@code syncPayload: {authToken}}) to the JVM sync server running the built-in {@link TokenAuthorizer}:
 * the right token syncs, a wrong one is refused and neither reads nor writes the store.
 */
class LiveStoreSyncAuthTest {
    static final String STORE = "todo-auth";

    @TempDir
    Path base;
    SyncServer server;
    SyncStorage storage;
    final List<LiveStoreSyncServerTest.NodeClient> clients = new ArrayList<>();
    /** The tokens the authorizer was shown, with its answers: proof the client sent its payload. */
    final Set<String> seen = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void installLiveStore() throws Exception {
        LiveStoreSyncServerTest.installLiveStore();
    }

    @AfterEach
    void stop() {
        for (LiveStoreSyncServerTest.NodeClient c : clients) c.kill();
        if (server != null) server.close();
    }

    LiveStoreSyncServerTest.NodeClient client(String clientId, String token) throws Exception {
        LiveStoreSyncServerTest.NodeClient c = new LiveStoreSyncServerTest.NodeClient("ws://127.0.0.1:" + server.port(), "ws",
            base.resolve("client-" + clientId), STORE, clientId, "{\"authToken\":\"" + token + "\"}");
        clients.add(c);
        return c;
    }

    @Test
    void theRightTokenSyncsAndAWrongOneIsRefused() throws Exception {
        Authorizer tokens = TokenAuthorizer.of(Map.of(STORE, "s3cret"));
        Authorizer recording = request -> {
            Authorizer.Decision d = tokens.authorize(request);
            seen.add(request.action() + " " + request.payload().map(Object::toString).orElse("-") + " -> " + (d.allowed() ? "allowed" : "denied"));
            return d;
        };
        storage = new SqliteStorage(base.resolve("server"));
        server = SyncServer.builder(storage).authorizer(recording).build().start();

        LiveStoreSyncServerTest.NodeClient a = client("A", "s3cret");
        LiveStoreSyncServerTest.NodeClient b = client("B", "s3cret");
        LiveStoreSyncServerTest.NodeClient intruder = client("X", "guess");
        a.command("create a1 milk");
        intruder.command("create x1 stolen");
        JsonNode both = LiveStoreSyncServerTest.awaitSameTodos(a, b, 1);
        assertEquals("milk", both.get(0).get("text").asText(), both.toString());

        Thread.sleep(3_000);   // time for the intruder's retries
        assertTrue(server.metrics().deniedRequests() > 0, "the wrong token was refused");
        JsonNode intruderSees = intruder.command("state").get("todos");
        assertEquals(1, intruderSees.size(), "the intruder sees only its own local todo: " + intruderSees);
        assertEquals("x1", intruderSees.get(0).get("id").asText());
        EventPage log = storage.read(STORE, 0, Long.MAX_VALUE, 100);
        for (var e : log.events()) {
            EncodedEvent ev = e.eventEncoded();
            assertNotEquals("X", ev.clientId(), "nothing of the intruder's is stored: " + ev);
        }
        assertEquals(1, log.events().size(), log.toString());
        assertEquals(1, LiveStoreSyncServerTest.awaitSameTodos(a, b, 1).size(), "A and B never see the intruder's todo");
        assertTrue(seen.contains("CONNECT {\"authToken\":\"s3cret\"} -> allowed"), seen.toString());
        assertTrue(seen.contains("CONNECT {\"authToken\":\"guess\"} -> denied"), seen.toString());
    }
}
