package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.StoredEvent;
import dev.livestorejvm.store.SyncOptions;
import dev.livestorejvm.store.SyncStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory synced by one implementation is opened by the other, with the same sync backend
 * (the project's server on loopback), and keeps syncing: the unmodified LiveStore 0.4.0 adapter-node
 * client opens a directory a Java store synced (including an event the Java store committed offline
 * and never pushed), and the Java store opens a directory adapter-node synced. Each sees everything,
 * catches up on what others committed while it was closed, and its new commits reach the other
 * clients; the server's log holds every event once, in one chain, and no side resets its data.
 */
class SyncedDirectoryHandoffTest {
    static final String STORE = JavaAndJsSyncTest.STORE;

    @TempDir
    Path base;
    SyncServer server;
    SqliteStorage storage;
    String url;
    final List<LiveStoreSyncServerTest.NodeClient> js = new ArrayList<>();
    final List<Store> java = new ArrayList<>();

    @BeforeAll
    static void installLiveStore() throws Exception {
        LiveStoreSyncServerTest.installLiveStore();
    }

    @BeforeEach
    void startServer() {
        storage = new SqliteStorage(base.resolve("server"));
        server = SyncServer.builder(storage).build().start();
        url = "ws://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        for (Store s : java) s.close();
        for (LiveStoreSyncServerTest.NodeClient c : js) c.kill();
        if (server != null) server.close();
    }

    Store javaStore(Path dir, String clientId) {
        Store s = Store.open(StoreOptions.builder(JavaAndJsSyncTest.SCHEMA).directory(dir).storeId(STORE).clientId(clientId)
            .sessionId(clientId + "-s").sync(SyncOptions.webSocket(URI.create(url)).build()).build());
        java.add(s);
        return s;
    }

    LiveStoreSyncServerTest.NodeClient jsStore(Path dir, String clientId) throws Exception {
        LiveStoreSyncServerTest.NodeClient c = new LiveStoreSyncServerTest.NodeClient(url, "ws", dir, STORE, clientId);
        js.add(c);
        return c;
    }

    void closeJava(Store s) {
        java.remove(s);
        s.close();
    }

    void quitJs(LiveStoreSyncServerTest.NodeClient c) {
        js.remove(c);
        c.kill();
        assertEquals(0, c.process.exitValue(), "adapter-node shut down cleanly:\n" + c.log());
    }

    @Test
    void aJavaSyncedDirectoryOpensInAdapterNodeAndKeepsSyncing() throws Exception {
        Path dir = base.resolve("client-C");
        LiveStoreSyncServerTest.NodeClient other = jsStore(base.resolve("client-B"), "B");
        Store c = javaStore(dir, "C");
        c.commit(JavaAndJsSyncTest.CREATED.of(new JavaAndJsSyncTest.Todo("t1", "from-C")),
            JavaAndJsSyncTest.CREATED.of(new JavaAndJsSyncTest.Todo("t2", "from-C")));
        other.command("create t3 from-B");
        awaitTodos(List.of(other), List.of(c), 3);
        assertTrue(c.awaitSynced(Duration.ofSeconds(30)));
        // one event committed offline and never pushed: adapter-node must push it from the directory
        c.pauseSync();
        c.commit(JavaAndJsSyncTest.RENAMED.of(new JavaAndJsSyncTest.Todo("t1", "offline-by-C")));
        c.flush();
        SyncStatus before = awaitStatus(c, s -> s.pendingCount() == 1);
        closeJava(c);
        other.command("create t4 while-C-closed");   // to catch up on at reopening
        awaitServerEvents(4);

        LiveStoreSyncServerTest.NodeClient reopened = jsStore(dir, "C");
        JsonNode end = awaitTodos(List.of(other, reopened), List.of(), 4);
        assertEquals("offline-by-C", end.get(0).get("text").asText(), end.toString());
        reopened.command("create t5 from-C-in-node");
        Store watcher = javaStore(base.resolve("client-D"), "D");
        end = awaitTodos(List.of(other, reopened), List.of(watcher), 5);
        assertEquals("from-C-in-node", end.get(4).get("text").asText(), end.toString());
        assertServerLog(6);
        assertEquals(before.backendId(), watcher.syncStatus().backendId(), "one backend throughout");
        quitJs(reopened);

        // and back to Java: the directory adapter-node just used opens and syncs on
        Store again = javaStore(dir, "C");
        assertEquals(5, JavaAndJsSyncTest.todos(again).size(), JavaAndJsSyncTest.todos(again).toString());
        again.commit(JavaAndJsSyncTest.RENAMED.of(new JavaAndJsSyncTest.Todo("t5", "back-in-java")));
        end = awaitTodos(List.of(other), List.of(again, watcher), 5);
        assertEquals("back-in-java", end.get(4).get("text").asText(), end.toString());
        assertTrue(again.awaitSynced(Duration.ofSeconds(30)));
        assertServerLog(7);
        assertEventlogIsServerLog(again);
    }

    @Test
    void anAdapterNodeSyncedDirectoryOpensInJavaAndKeepsSyncing() throws Exception {
        Path dir = base.resolve("client-A");
        LiveStoreSyncServerTest.NodeClient a = jsStore(dir, "A");
        Store other = javaStore(base.resolve("client-D"), "D");
        a.command("create t1 from-A");
        a.command("create t2 from-A");
        other.commit(JavaAndJsSyncTest.CREATED.of(new JavaAndJsSyncTest.Todo("t3", "from-D")));
        awaitTodos(List.of(a), List.of(other), 3);   // A renames a todo it has
        a.command("rename t3 renamed-by-A");
        awaitServerEvents(4);
        quitJs(a);
        other.commit(JavaAndJsSyncTest.CREATED.of(new JavaAndJsSyncTest.Todo("t4", "while-A-closed")));
        assertTrue(other.awaitSynced(Duration.ofSeconds(30)));

        Store reopened = javaStore(dir, "A");
        SyncStatus status = reopened.syncStatus();
        assertEquals(other.syncStatus().backendId() == null ? status.backendId() : other.syncStatus().backendId(), status.backendId(),
            "the backendId adapter-node stored is the server's: no reset");
        JsonNode end = awaitTodos(List.of(), List.of(reopened, other), 4);
        assertEquals("renamed-by-A", end.get(2).get("text").asText(), end.toString());
        reopened.commit(JavaAndJsSyncTest.CREATED.of(new JavaAndJsSyncTest.Todo("t5", "from-A-in-java")));
        LiveStoreSyncServerTest.NodeClient watcher = jsStore(base.resolve("client-B"), "B");
        end = awaitTodos(List.of(watcher), List.of(reopened, other), 5);
        assertEquals("from-A-in-java", end.get(4).get("text").asText(), end.toString());
        assertTrue(reopened.awaitSynced(Duration.ofSeconds(30)));
        assertServerLog(6);
        assertEventlogIsServerLog(reopened);
        assertEquals(0, reopened.syncStatus().pendingCount());
        closeJava(reopened);

        // and back to adapter-node: the directory the Java store just used opens and syncs on
        LiveStoreSyncServerTest.NodeClient again = jsStore(dir, "A");
        awaitTodos(List.of(again, watcher), List.of(other), 5);
        again.command("rename t1 back-in-node");
        end = awaitTodos(List.of(again, watcher), List.of(other), 5);
        assertEquals("back-in-node", end.get(0).get("text").asText(), end.toString());
        assertServerLog(7);
    }

    /** The server's log: {@code n} events, contiguous, each once. */
    void assertServerLog(int n) throws InterruptedException {
        awaitServerEvents(n);
        Thread.sleep(500);   // nothing more arrives: no duplicate push
        EventPage log = storage.read(STORE, 0, Long.MAX_VALUE, 1000);
        assertEquals(n, log.events().size(), names(log).toString());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            EncodedEvent e = log.events().get(i).eventEncoded();
            assertEquals(i + 1, e.seqNum());
            assertEquals(i, e.parentSeqNum());
            assertTrue(seen.add(e.name() + e.args().json()), "pushed twice: " + e.name() + " " + e.args().json() + " in " + names(log).toString());
        }
    }

    static List<String> names(EventPage log) {
        List<String> out = new ArrayList<>();
        for (var p : log.events()) out.add(p.eventEncoded().seqNum() + " " + p.eventEncoded().name() + " " + p.eventEncoded().args().json());
        return out;
    }

    void assertEventlogIsServerLog(Store s) throws Exception {
        EventPage log = storage.read(STORE, 0, Long.MAX_VALUE, 1000);
        List<StoredEvent> events = s.events();
        assertEquals(log.events().size(), events.size(), events.toString());
        for (int i = 0; i < events.size(); i++) {
            EncodedEvent e = log.events().get(i).eventEncoded();
            assertEquals(e.seqNum(), events.get(i).seqNum().global());
            assertEquals(e.name(), events.get(i).name());
            assertEquals(JavaAndJsSyncTest.JSON.readTree(e.args().json()), JavaAndJsSyncTest.JSON.readTree(events.get(i).argsJson()));
        }
    }

    void awaitServerEvents(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (storage.read(STORE, 0, Long.MAX_VALUE, 1000).events().size() < n) {
            assertTrue(System.currentTimeMillis() < deadline, "the server did not reach e" + n + ": "
                + names(storage.read(STORE, 0, Long.MAX_VALUE, 1000)));
            Thread.sleep(50);
        }
    }

    static SyncStatus awaitStatus(Store s, java.util.function.Predicate<SyncStatus> p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!p.test(s.syncStatus())) {
            assertTrue(System.currentTimeMillis() < deadline, s.syncStatus().toString());
            Thread.sleep(20);
        }
        return s.syncStatus();
    }

    /** Polls the clients until all show the same {@code n} todos. */
    JsonNode awaitTodos(List<LiveStoreSyncServerTest.NodeClient> nodes, List<Store> stores, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<JsonNode> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            seen.clear();
            for (LiveStoreSyncServerTest.NodeClient c : nodes) seen.add(c.command("state").get("todos"));
            for (Store s : stores) seen.add(JavaAndJsSyncTest.todos(s));
            if (seen.get(0).size() == n && seen.stream().allMatch(seen.get(0)::equals)) return seen.get(0);
            Thread.sleep(200);
        }
        StringBuilder logs = new StringBuilder();
        for (LiveStoreSyncServerTest.NodeClient c : nodes) logs.append("\n--- node output:\n").append(c.log());
        for (Store s : stores) logs.append("\n--- java: ").append(s.syncStatus());
        fail("clients did not converge on " + n + " todos in 90 s: " + seen + "\nserver: " + names(storage.read(STORE, 0, Long.MAX_VALUE, 1000))
            + logs);
        return null;
    }
}
