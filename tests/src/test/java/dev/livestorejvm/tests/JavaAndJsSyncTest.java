package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.store.Column;
import dev.livestorejvm.store.EventDef;
import dev.livestorejvm.store.Schema;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.StoredEvent;
import dev.livestorejvm.store.SyncOptions;
import dev.livestorejvm.store.Table;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two unmodified LiveStore 0.4.0 clients (adapter-node with sync-cf's makeWsSync) and two Java
 * stores (the sync-cf WebSocket transport) commit concurrently through the project's sync server,
 * with a forced rebase on each side: all four end with the same todos, and the Java eventlogs hold
 * the server's log in its order.
 */
class JavaAndJsSyncTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STORE = "todo-sync";

    record Todo(String id, String text) {}

    static final Table TODOS = Table.define("todos", Column.text("id").primaryKey(), Column.text("text").defaultValue(""),
        Column.bool("completed").defaultValue(false));
    static final EventDef<Todo> CREATED = EventDef.synced("v1.TodoCreated", Todo.class);
    static final EventDef<Todo> RENAMED = EventDef.synced("v1.TodoRenamed", Todo.class);
    static final Schema SCHEMA = Schema.builder().table(TODOS)
        .event(CREATED, (a, c) -> List.of(TODOS.insert(row("id", a.id(), "text", a.text(), "completed", false))))
        .event(RENAMED, (a, c) -> List.of(TODOS.update(Map.of("text", a.text())).where("id", a.id())))
        .build();

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @TempDir
    Path base;
    SyncServer server;
    LiveStoreSyncServerTest.GatedStorage storage;
    final List<LiveStoreSyncServerTest.NodeClient> js = new ArrayList<>();
    final List<Store> java = new ArrayList<>();

    @BeforeAll
    static void installLiveStore() throws Exception {
        LiveStoreSyncServerTest.installLiveStore();
    }

    @AfterEach
    void stop() {
        for (Store s : java) s.close();
        for (LiveStoreSyncServerTest.NodeClient c : js) c.kill();
        if (server != null) server.close();
    }

    Store javaClient(String clientId, String url) {
        Store s = Store.open(StoreOptions.builder(SCHEMA).directory(base.resolve("java-" + clientId)).storeId(STORE).clientId(clientId)
            .sessionId(clientId + "-s").sync(SyncOptions.webSocket(URI.create(url)).build()).build());
        java.add(s);
        return s;
    }

    /** A Java store's todos in the shape sync-client.mjs prints. */
    static JsonNode todos(Store s) {
        ArrayNode out = JSON.createArrayNode();
        for (Map<String, Object> r : s.query(TODOS.select().orderBy("id"))) {
            ObjectNode t = out.addObject();
            t.put("id", (String) r.get("id"));
            t.put("text", (String) r.get("text"));
            t.put("completed", (Boolean) r.get("completed"));
        }
        return out;
    }

    @Test
    void javaAndJavaScriptClientsConverge() throws Exception {
        storage = new LiveStoreSyncServerTest.GatedStorage(new SqliteStorage(base.resolve("server")));
        server = SyncServer.builder(storage).build().start();
        String url = "ws://127.0.0.1:" + server.port();
        LiveStoreSyncServerTest.NodeClient a = new LiveStoreSyncServerTest.NodeClient(url, "ws", base.resolve("js-A"), STORE, "A");
        js.add(a);
        LiveStoreSyncServerTest.NodeClient b = new LiveStoreSyncServerTest.NodeClient(url, "ws", base.resolve("js-B"), STORE, "B");
        js.add(b);
        Store c = javaClient("C", url);
        Store d = javaClient("D", url);

        a.command("create t1 from-A");
        c.commit(CREATED.of(new Todo("t2", "from-C")));
        b.command("create t3 from-B");
        d.commit(CREATED.of(new Todo("t4", "from-D")));
        awaitConverged(4);

        // a forced rebase on the Java side: C commits offline while the others move the server on
        c.pauseSync();
        c.commit(RENAMED.of(new Todo("t1", "renamed-offline-by-C")));
        a.command("rename t2 renamed-by-A");
        d.commit(RENAMED.of(new Todo("t3", "renamed-by-D")));
        awaitServerHead(6);   // four creates, A's and D's renames; C's waits offline
        c.resumeSync();
        // a forced rebase on the JavaScript side: A's push held inside the append while B's queues behind it
        awaitConverged(4);
        storage.hold();
        a.command("rename t4 from-A-first");
        storage.awaitHeld(1);
        b.command("rename t4 from-B-second");
        Thread.sleep(1500);
        storage.release();
        JsonNode end = awaitConverged(4);
        assertEquals("renamed-offline-by-C", end.get(0).get("text").asText(), end.toString());
        assertEquals("from-B-second", end.get(3).get("text").asText(), end.toString());

        EventPage log = storage.read(STORE, 0, Long.MAX_VALUE, 1000);
        assertEquals(9, log.events().size());
        for (Store s : java) {
            List<StoredEvent> events = s.events();
            assertEquals(log.events().size(), events.size());
            for (int i = 0; i < events.size(); i++) {
                EncodedEvent e = log.events().get(i).eventEncoded();
                assertEquals(e.seqNum(), events.get(i).seqNum().global());
                assertEquals(e.name(), events.get(i).name());
                assertEquals(JSON.readTree(e.args().json()), JSON.readTree(events.get(i).argsJson()));
            }
            assertTrue(s.awaitSynced(Duration.ofSeconds(30)));
        }
        assertTrue(c.events().stream().anyMatch(e -> e.seqNum().rebaseGeneration() == 1), "C rebased its offline rename");
    }

    void awaitServerHead(long head) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (storage.read(STORE, 0, Long.MAX_VALUE, 1000).events().size() < head) {
            assertTrue(System.currentTimeMillis() < deadline, "the server did not reach e" + head);
            Thread.sleep(50);
        }
    }

    /** Polls all four until they show the same {@code n} todos. */
    JsonNode awaitConverged(int n) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<JsonNode> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            seen.clear();
            for (LiveStoreSyncServerTest.NodeClient c : js) seen.add(c.command("state").get("todos"));
            for (Store s : java) seen.add(todos(s));
            if (seen.get(0).size() == n && seen.stream().allMatch(seen.get(0)::equals)) return seen.get(0);
            Thread.sleep(200);
        }
        fail("clients did not converge in 90 s: " + seen + "\n" + java.get(0).syncStatus() + "\n" + java.get(1).syncStatus());
        return null;
    }
}
