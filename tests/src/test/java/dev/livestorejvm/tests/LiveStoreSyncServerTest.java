package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.server.storage.StoreHead;
import dev.livestorejvm.server.storage.StoreInfo;
import dev.livestorejvm.server.storage.SyncStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two unmodified LiveStore 0.4.0 clients (adapter-node, sync-cf's makeWsSync / makeHttpSync, installed
 * with npm into target/) sync through the JVM sync server on loopback and converge, including a
 * ServerAheadError and the rebase that follows. The error is forced, not hoped for: the server's
 * storage is gated so that client A's push is held inside the append while B's push queues behind it.
 */
class LiveStoreSyncServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path NODE_DIR = Path.of("target", "livestore-sync-node").toAbsolutePath();

    @TempDir
    Path base;
    SyncServer server;
    GatedStorage storage;
    final List<NodeClient> clients = new ArrayList<>();

    @BeforeAll
    static void installLiveStore() throws Exception {
        Files.createDirectories(NODE_DIR);
        Path src = Path.of("src", "test", "node", "sync");
        for (String f : List.of("package.json", "sync-client.mjs")) {
            Files.copy(src.resolve(f), NODE_DIR.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@livestore/sync-cf"))) {
            NodeProcesses.installIfMissing(NODE_DIR, "node_modules/@livestore/sync-cf");
        }
    }

    @AfterEach
    void stop() {
        for (NodeClient c : clients) c.kill();
        if (server != null) server.close();
    }

    void startServer() {
        storage = new GatedStorage(new SqliteStorage(base.resolve("server")));
        server = SyncServer.builder(storage).build().start();
    }

    @Test
    void twoWebSocketClientsConvergeThroughAForcedServerAheadErrorAndRebase() throws Exception {
        converge("ws");
    }

    @Test
    void twoHttpClientsConvergeThroughAForcedServerAheadErrorAndRebase() throws Exception {
        converge("http");
    }

    void converge(String transport) throws Exception {
        startServer();
        String url = (transport.equals("ws") ? "ws" : "http") + "://127.0.0.1:" + server.port();
        NodeClient a = client(url, transport, "A");
        NodeClient b = client(url, transport, "B");
        a.command("create a1 milk");
        b.command("create b1 bread");
        JsonNode both = awaitSameTodos(a, b, 2);
        assertEquals(2, both.size(), both.toString());

        long rejectedBefore = server.metrics().rejectedPushes();
        storage.hold();
        a.command("rename a1 from-A");
        storage.awaitHeld(1);            // A's push is inside the append, holding the store's lock
        b.command("rename a1 from-B");
        Thread.sleep(1500);              // B's push (parent = the old head) reaches the server and waits
        storage.release();
        JsonNode end = awaitSameTodos(a, b, 2);
        assertTrue(server.metrics().rejectedPushes() > rejectedBefore, "B's push was refused with ServerAheadError");
        // A's rename was admitted first; B rebased its rename on top of it, so B's comes last for both
        assertEquals("from-B", end.get(0).get("text").asText(), end.toString());

        // the server's log: each event once, contiguous, in one order
        EventPage log = storage.read("todo-sync", 0, Long.MAX_VALUE, 1000);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < log.events().size(); i++) {
            EncodedEvent e = log.events().get(i).eventEncoded();
            assertEquals(i + 1, e.seqNum());
            assertEquals(i, e.parentSeqNum());
            names.add(e.name() + ":" + e.clientId());
        }
        assertEquals(4, names.size(), names.toString());
        assertEquals("v1.TodoRenamed:A", names.get(2));
        assertEquals("v1.TodoRenamed:B", names.get(3));
    }

    NodeClient client(String url, String transport, String clientId) throws Exception {
        NodeClient c = new NodeClient(url, transport, base.resolve("client-" + clientId), "todo-sync", clientId);
        clients.add(c);
        return c;
    }

    /** Polls both clients until they show the same todos, {@code n} of them. */
    static JsonNode awaitSameTodos(NodeClient a, NodeClient b, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode ta = null;
        JsonNode tb = null;
        while (System.currentTimeMillis() < deadline) {
            ta = a.command("state").get("todos");
            tb = b.command("state").get("todos");
            if (ta.equals(tb) && ta.size() == n) return ta;
            Thread.sleep(200);
        }
        fail("clients did not converge in 60 s:\nA " + ta + "\nB " + tb + "\nA's output:\n" + a.log() + "\nB's output:\n" + b.log());
        return null;
    }

    /** One Node process running sync-client.mjs, driven by lines on stdin. */
    static final class NodeClient {
        final Process process;
        final Writer in;
        final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
        final StringBuffer log = new StringBuffer();

        NodeClient(String url, String transport, Path dir, String storeId, String clientId) throws Exception {
            this(url, transport, dir, storeId, clientId, null);
        }

        /** {@code syncPayload}: JSON handed to LiveStore as the store's sync payload, or null for none. */
        NodeClient(String url, String transport, Path dir, String storeId, String clientId, String syncPayload) throws Exception {
            this(url, transport, dir, storeId, clientId, syncPayload, java.util.Map.of());
        }

        /** {@code env}: variables for the process, e.g. {@code SYNC_PING_INTERVAL_MS} (see sync-client.mjs). */
        NodeClient(String url, String transport, Path dir, String storeId, String clientId, String syncPayload, java.util.Map<String, String> env) throws Exception {
            List<String> command = new ArrayList<>(List.of("node", "--experimental-websocket", "--no-warnings", "sync-client.mjs", url, transport, dir.toString(), storeId, clientId));
            if (syncPayload != null) command.add(syncPayload);
            ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            process = pb.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        log.append(line).append('\n');
                        if (line.startsWith("{\"")) {
                            try {
                                answers.add(JSON.readTree(line));
                            } catch (IOException ignored) {
                                // a log line that looks like JSON
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            }, "node-" + clientId);
            reader.setDaemon(true);
            reader.start();
            JsonNode ready = answers.poll(120, TimeUnit.SECONDS);
            assertNotNull(ready, "client " + clientId + " did not start:\n" + log);
            assertEquals(clientId, ready.path("ready").asText(), ready.toString());
        }

        JsonNode command(String line) throws Exception {
            in.write(line + "\n");
            in.flush();
            JsonNode answer = answers.poll(30, TimeUnit.SECONDS);
            assertNotNull(answer, "no answer to '" + line + "':\n" + log);
            assertFalse(answer.has("error"), answer + "\n" + log);
            return answer;
        }

        String log() {
            return log.toString();
        }

        void kill() {
            try {
                in.write("quit\n");
                in.flush();
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    /** The real storage with a gate on appends: {@link #hold()} makes appends wait until {@link #release()}. */
    static final class GatedStorage implements SyncStorage {
        private final SyncStorage inner;
        private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile boolean held;

        GatedStorage(SyncStorage inner) {
            this.inner = inner;
        }

        void hold() {
            gate.acquireUninterruptibly(Integer.MAX_VALUE);
            held = true;
        }

        void release() {
            held = false;
            gate.release(Integer.MAX_VALUE);
        }

        void awaitHeld(int n) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 30_000;
            while (waiting.get() < n && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertEquals(n, waiting.get(), "pushes waiting at the gate");
        }

        @Override
        public AppendResult append(String storeId, String expectedBackendId, List<EncodedEvent> batch, RawJson metadata) {
            if (held) {
                waiting.incrementAndGet();
                gate.acquireUninterruptibly();
                waiting.decrementAndGet();
                gate.release();
            }
            return inner.append(storeId, expectedBackendId, batch, metadata);
        }

        @Override
        public StoreHead head(String storeId) {
            return inner.head(storeId);
        }

        @Override
        public EventPage read(String storeId, long afterSeqNum, long untilSeqNum, int limit) {
            return inner.read(storeId, afterSeqNum, untilSeqNum, limit);
        }

        @Override
        public StoreHead reset(String storeId) {
            return inner.reset(storeId);
        }

        @Override
        public List<StoreInfo> stores() {
            return inner.stores();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
