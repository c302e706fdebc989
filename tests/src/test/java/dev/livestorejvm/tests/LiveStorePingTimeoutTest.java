package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.SyncOptions;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins a LiveStore 0.4.0 client behaviour that no server can repair, found behind MixedClientsLoadTest's full-size
 * failures: when a Pong (or any frame) does not reach sync-cf's WebSocket client within its ping interval (10 s;
 * a starved Node process is enough), the client closes the socket and opens another one silently (an
 * {@code OpenTimeout} is a "transient" error, so in-flight RPCs are neither failed nor re-sent). Its live pull
 * stays on the old socket, which the server frees on close; the new socket carries pings only. From then on the
 * leader never hears of another event, and its next push, refused with ServerAheadError, waits forever for a pull
 * chunk (livestore#1394): the client is wedged with its connection open and nothing logged.
 * If this test fails, a LiveStore upgrade re-issues its pulls after such a reconnect.
 */
class LiveStorePingTimeoutTest {
    static final String STORE = "ping-timeout";

    @TempDir
    Path base;
    SyncServer server;
    StallingProxy proxy;
    LiveStoreSyncServerTest.NodeClient node;
    Store javaStore;

    @BeforeAll
    static void installLiveStore() throws Exception {
        LiveStoreSyncServerTest.installLiveStore();
    }

    @AfterEach
    void stop() throws Exception {
        if (javaStore != null) javaStore.close();
        if (node != null) node.kill();
        if (proxy != null) proxy.close();
        if (server != null) server.close();
    }

    @Test
    void aClientWhosePongIsLateReconnectsWithoutItsLivePullAndHearsNoMoreEvents() throws Exception {
        server = SyncServer.builder(new SqliteStorage(base.resolve("server"))).build().start();
        proxy = new StallingProxy(server.port());
        node = new LiveStoreSyncServerTest.NodeClient("ws://127.0.0.1:" + proxy.port(), "ws", base.resolve("node"), STORE, "N");
        node.command("create n1 from-node");
        await("the Node client's commit is confirmed", 30_000, () -> leader().get("upstreamHead").asText().equals("e1")
            && leader().get("pending").isEmpty());
        assertEquals(1, proxy.accepted());
        assertEquals(1, liveSubscriptions(), "the Node client's live pull");

        proxy.stallExisting();   // the server's frames (its Pongs) stop reaching the client; the socket stays open
        await("the Node client opens another socket after its ping goes unanswered", 45_000, () -> proxy.accepted() >= 2);
        await("the server frees the old socket's live pull", 15_000, () -> liveSubscriptions() == 0);
        assertEquals(2, socketsOpened(), "the Node process opened a second WebSocket");

        javaStore = Store.open(StoreOptions.builder(JavaAndJsSyncTest.SCHEMA).directory(base.resolve("java")).storeId(STORE)
            .clientId("J").sessionId("J-s").sync(SyncOptions.webSocket(server.uri()).build()).build());
        javaStore.commit(JavaAndJsSyncTest.CREATED.of(new JavaAndJsSyncTest.Todo("j1", "from-java")));
        assertTrue(javaStore.awaitSynced(Duration.ofSeconds(30)), "the Java commit is on the server: " + javaStore.syncStatus());
        assertEquals(1, liveSubscriptions(), "only the Java client pulls live: the Node client's new socket issued no pull");

        // a client that pulled again from its cursor would have e2 within a second; 0.4.0 never gets it
        Thread.sleep(5_000);
        assertEquals("e1", leader().get("upstreamHead").asText(), "the Node leader heard of e2: " + leader());
        assertEquals(1, liveSubscriptions());
    }

    JsonNode leader() {
        try {
            return node.command("leader").get("leader");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    int socketsOpened() throws Exception {
        return node.command("leader").get("sockets").asInt();
    }

    int liveSubscriptions() {
        try {
            Method m = SyncServer.class.getDeclaredMethod("liveSubscriptions", String.class);
            m.setAccessible(true);
            return (int) m.invoke(server, STORE);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static void await(String what, long ms, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!done.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, what + ": not within " + ms + " ms");
            Thread.sleep(100);
        }
    }
}
