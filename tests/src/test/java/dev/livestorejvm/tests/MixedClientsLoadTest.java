package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncMetadata;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.StoredEvent;
import dev.livestorejvm.store.SyncOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's load test: unmodified LiveStore 0.4.0 Node clients (adapter-node, sync-cf's makeWsSync) and Java
 * stores (sync-cf WebSocket transport) spread over several stores of one {@link SyncServer} on loopback, all
 * committing at once. Every store's log on the server is contiguous, holds each commit exactly once and only
 * its own clients' events; every client ends with the state that log gives (a shared todo that everyone
 * renames shows that they applied it in the same order); every Java client's eventlog is the server's log.
 * A Node client commits its next event once the server has confirmed the last to its leader, and recovers from
 * two faults of LiveStore 0.4.0's client between its session and its leader by starting its process again (see
 * {@link NodeStoreClient}); a Java
 * client commits without waiting.
 * Default: 2 stores × (2 Node + 2 Java clients) × 10 events; {@code -Dfull=true}: 10 stores × (2 + 8) × 50
 * events, i.e. 100 clients; {@code -Dmixed.stores=, -Dmixed.node=, -Dmixed.java=, -Dmixed.events=} set each.
 * Five Node clients per store (50 Node processes) do not finish on a 2-core machine: 0.4.0's client, starved,
 * loses race after race (it retries a refused push only when a pull brings news) or, with the stock 10-s ping,
 * wedges after a silent reconnect (LiveStorePingTimeoutTest).
 */
class MixedClientsLoadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final boolean FULL = Boolean.getBoolean("full");
    static final int STORES = Integer.getInteger("mixed.stores", FULL ? 10 : 2);
    static final int JS_PER_STORE = Integer.getInteger("mixed.node", 2);
    static final int JAVA_PER_STORE = Integer.getInteger("mixed.java", FULL ? 8 : 2);
    static final int EVENTS = Integer.getInteger("mixed.events", FULL ? 50 : 10);
    /** Every RENAME_EVERY-th commit of a client renames its store's shared todo instead of creating one. */
    static final int RENAME_EVERY = 5;
    static final int NODE_STARTS_AT_ONCE = 4;
    static final long CONVERGE_MS = FULL ? 900_000 : 90_000;
    /** How long a Node client's commit may stay unconfirmed: a 0.4.0 client retries a refused push only when a pull brings news, so under contention it can lose race after race. */
    static final long COMMIT_MS = FULL ? 300_000 : 60_000;
    /**
     * sync-cf's ping interval in the Node clients (stock: 10 s). A 0.4.0 client whose Pong is not read within one interval
     * (a starved process: 50 of them on 2 cores) replaces its socket silently and loses its live pull for good
     * (LiveStorePingTimeoutTest), which is not what this test is about; {@code -Dmixed.nodePingMs=10000} shows it.
     */
    static final int NODE_PING_MS = Integer.getInteger("mixed.nodePingMs", 60_000);
    /** Between two looks at a Node client's pending commit: often enough to keep it busy, rarely enough not to starve 50 processes. */
    static final long NODE_POLL_MS = 50;
    /** A pending commit whose leader hears of no event for this long is wedged, whatever COMMIT_MS allows. */
    static final long NODE_STALL_MS = FULL ? 120_000 : 45_000;
    /** A commit still in the session while its leader has nothing pending and hears of no event for this long: the session↔leader fault (NodeStoreClient). */
    static final long SESSION_STALL_MS = FULL ? 60_000 : 10_000;
    /** How long a client's state may differ from the complete log before a Node client's leader is asked (NodeStoreClient#settle). */
    static final long SETTLE_MS = 10_000;
    /** Restarts one Node client may need (NodeStoreClient); a client that needs more fails the test. */
    static final int MAX_RESTARTS = 3;

    @TempDir
    Path base;
    SyncServer server;
    SqliteStorage storage;
    final List<LiveStoreSyncServerTest.NodeClient> js = Collections.synchronizedList(new ArrayList<>());
    final List<Store> javaStores = Collections.synchronizedList(new ArrayList<>());

    /** One client of a store, Node or Java, behind the same two operations. */
    abstract static class Client {
        final String storeId;
        final String clientId;

        Client(String storeId, String clientId) {
            this.storeId = storeId;
            this.clientId = clientId;
        }

        String storeId() {
            return storeId;
        }

        String clientId() {
            return clientId;
        }

        abstract void commit(int i) throws Exception;

        abstract JsonNode todos() throws Exception;

        /**
         * Called while the client's state is not yet {@code expected}, the server's log being complete ({@code head} events);
         * true once the client did something about it (a Node client may restart: NodeStoreClient), false to be asked again.
         */
        boolean settle(JsonNode expected, int head) throws Exception {
            return true;
        }

        /** The client's own account of itself, for a failure message. */
        abstract String describe();

        /** The Java store behind the client; null for a Node client. */
        Store javaStore() {
            return null;
        }
    }

    @BeforeAll
    static void installLiveStore() throws Exception {
        LiveStoreSyncServerTest.installLiveStore();
    }

    @AfterEach
    void stop() {
        for (Store s : javaStores) s.close();
        for (LiveStoreSyncServerTest.NodeClient c : js) c.kill();
        if (server != null) server.close();
    }

    static String storeId(int s) {
        return "load-" + s;
    }

    /** The i-th commit of a client: a create of its own todo, or (every RENAME_EVERY-th) a rename of the shared one. */
    static String[] command(String storeId, String clientId, int i) {
        return i % RENAME_EVERY == RENAME_EVERY - 1
            ? new String[] {"rename", storeId + "-shared", clientId + "-" + i}
            : new String[] {"create", clientId + "-" + i, "todo " + i + " of " + clientId};
    }

    @Test
    void nodeAndJavaClientsOnSeveralStoresCommitConcurrentlyAndConverge() throws Exception {
        storage = new SqliteStorage(base.resolve("server"));
        for (int s = 0; s < STORES; s++) {   // the todo every client renames, there before anyone connects
            String id = storeId(s);
            AppendResult seeded = storage.append(id, storage.head(id).backendId(), List.of(new EncodedEvent("v1.TodoCreated",
                new RawJson("{\"id\":\"" + id + "-shared\",\"text\":\"seed\"}"), 1, 0, "seed", "seed-s")), SyncMetadata.of("2026-01-01T00:00:00Z"));
            assertEquals(new AppendResult.Appended(1), seeded);
        }
        server = SyncServer.builder(storage).build().start();
        String url = "ws://127.0.0.1:" + server.port();

        List<Client> clients = Collections.synchronizedList(new ArrayList<>());
        ExecutorService starts = Executors.newFixedThreadPool(NODE_STARTS_AT_ONCE);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int s = 0; s < STORES; s++) {
                String storeId = storeId(s);
                for (int k = 0; k < JS_PER_STORE; k++) {
                    String clientId = "js" + s + "x" + k;
                    started.add(starts.submit(() -> {
                        clients.add(new NodeStoreClient(url, storeId, clientId));
                        return null;
                    }));
                }
                for (int k = 0; k < JAVA_PER_STORE; k++) {
                    clients.add(javaClient(url, storeId, "jv" + s + "x" + k));
                }
            }
            for (Future<?> f : started) f.get(300, TimeUnit.SECONDS);
        } finally {
            starts.shutdownNow();
        }
        assertEquals(STORES * (JS_PER_STORE + JAVA_PER_STORE), clients.size());

        // everyone commits at once, each client from its own thread
        ExecutorService committers = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> commits = new ArrayList<>();
            for (Client c : clients) {
                commits.add(committers.submit(() -> {
                    for (int i = 0; i < EVENTS; i++) c.commit(i);
                    return null;
                }));
            }
            for (Future<?> f : commits) {
                try {
                    f.get(CONVERGE_MS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    committers.shutdownNow();   // the other committers stop using their clients before they are asked
                    committers.awaitTermination(10, TimeUnit.SECONDS);
                    var m = server.metrics();
                    StringBuilder all = new StringBuilder("server: " + m.acceptedPushes() + " pushes accepted, " + m.rejectedPushes()
                        + " rejected, " + m.openConnections() + " connections open, " + m.connectionsTotal() + " opened in all ("
                        + clients.size() + " clients)\n");
                    for (int s = 0; s < STORES; s++) {
                        String storeId = storeId(s);
                        all.append(storeId).append(" (").append(liveSubscriptions(storeId)).append(" live pulls on the server):\n").append(diagnosis(clients.stream().filter(c -> c.storeId().equals(storeId)).toList(), read(storeId)));
                    }
                    throw new AssertionError("committing: " + e.getCause() + "\n" + all, e);
                }
            }
        } finally {
            committers.shutdownNow();
        }

        long deadline = System.currentTimeMillis() + CONVERGE_MS;
        for (int s = 0; s < STORES; s++) {
            String storeId = storeId(s);
            List<Client> mine = clients.stream().filter(c -> c.storeId().equals(storeId)).toList();
            List<EncodedEvent> log = serverLog(storeId, 1 + mine.size() * EVENTS, deadline, mine);
            checkLog(storeId, mine, log);
            JsonNode expected = replay(log);
            awaitState(storeId, mine, expected, deadline, log);
            for (Client c : mine) {
                if (c.javaStore() != null) assertJavaEventlogIs(c.clientId(), c.javaStore(), log, deadline);
            }
        }
    }

    /** The store's log on the server once it holds {@code n} events (polling, bounded); fails if it holds more. */
    List<EncodedEvent> serverLog(String storeId, int n, long deadline, List<Client> mine) throws Exception {
        while (true) {
            List<EncodedEvent> log = read(storeId);
            assertTrue(log.size() <= n, storeId + ": the server holds " + log.size() + " events, more than the " + n + " committed");
            if (log.size() == n) return log;
            if (System.currentTimeMillis() > deadline) {
                fail(storeId + ": the server holds " + log.size() + " of " + n + " events\n" + diagnosis(mine, log));
            }
            Thread.sleep(100);
        }
    }

    /** Live pulls the server holds for a store (package-private in the server: a diagnosis only). */
    int liveSubscriptions(String storeId) {
        try {
            java.lang.reflect.Method m = SyncServer.class.getDeclaredMethod("liveSubscriptions", String.class);
            m.setAccessible(true);
            return (int) m.invoke(server, storeId);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    /** The store's whole log on the server. */
    List<EncodedEvent> read(String storeId) {
        List<EncodedEvent> log = new ArrayList<>();
        long after = 0;
        while (true) {
            EventPage page = storage.read(storeId, after, Long.MAX_VALUE, 1000);
            for (var e : page.events()) log.add(e.eventEncoded());
            if (page.events().isEmpty() || page.remaining() == 0) return log;
            after = log.get(log.size() - 1).seqNum();
        }
    }

    /** Per client: how many of its events the server holds, and what the client says of itself. */
    static String diagnosis(List<Client> mine, List<EncodedEvent> log) {
        StringBuilder sb = new StringBuilder();
        for (Client c : mine) {
            long held = log.stream().filter(e -> e.clientId().equals(c.clientId())).count();
            sb.append(c.clientId()).append(": ").append(held).append(" on the server; ").append(c.describe()).append('\n');
        }
        sb.append("the server's log:\n");
        for (EncodedEvent e : log) {
            sb.append("  e").append(e.seqNum()).append(' ').append(e.clientId()).append(' ').append(e.name()).append(' ').append(e.args().json()).append('\n');
        }
        return sb.toString();
    }

    /** Contiguous 1..n; each client's commits each exactly once and in its own order; no other store's client. */
    static void checkLog(String storeId, List<Client> mine, List<EncodedEvent> log) throws Exception {
        Set<String> clientIds = new HashSet<>();
        for (Client c : mine) clientIds.add(c.clientId());
        Map<String, List<String>> byClient = new TreeMap<>();
        for (int i = 0; i < log.size(); i++) {
            EncodedEvent e = log.get(i);
            assertEquals(i + 1, e.seqNum(), storeId + ": seqNums contiguous");
            assertEquals(i, e.parentSeqNum(), storeId + ": parents chained");
            if (i == 0) {
                assertEquals("seed", e.clientId());
                continue;
            }
            assertTrue(clientIds.contains(e.clientId()), storeId + ": event " + e + " from a client of another store");
            JsonNode args = JSON.readTree(e.args().json());
            byClient.computeIfAbsent(e.clientId(), k -> new ArrayList<>()).add(e.name() + " " + args.get("id").asText() + " " + args.get("text").asText());
        }
        for (Client c : mine) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String[] cmd = command(storeId, c.clientId(), i);
                expected.add((cmd[0].equals("create") ? "v1.TodoCreated " : "v1.TodoRenamed ") + cmd[1] + " " + cmd[2]);
            }
            assertEquals(expected, byClient.get(c.clientId()), storeId + ": " + c.clientId() + "'s commits, once each, in its order");
        }
    }

    /** The todos a log gives, in the shape sync-client.mjs prints (ordered by id). */
    static JsonNode replay(List<EncodedEvent> log) throws Exception {
        Map<String, String> texts = new TreeMap<>();
        for (EncodedEvent e : log) {
            JsonNode args = JSON.readTree(e.args().json());
            String id = args.get("id").asText();
            if (e.name().equals("v1.TodoCreated")) texts.put(id, args.get("text").asText());
            else if (texts.containsKey(id)) texts.put(id, args.get("text").asText());
        }
        ArrayNode out = JSON.createArrayNode();
        texts.forEach((id, text) -> out.addObject().put("id", id).put("text", text).put("completed", false));
        return out;
    }

    static void awaitState(String storeId, List<Client> mine, JsonNode expected, long deadline, List<EncodedEvent> log) throws Exception {
        for (Client c : mine) {
            JsonNode seen = c.todos();
            long settleAt = System.currentTimeMillis() + SETTLE_MS;
            boolean settled = false;
            while (!seen.equals(expected)) {
                if (!settled && System.currentTimeMillis() > settleAt) {
                    settled = c.settle(expected, log.size());
                    settleAt = System.currentTimeMillis() + SETTLE_MS;
                }
                if (System.currentTimeMillis() > deadline) {
                    fail(storeId + ": client " + c.clientId() + " did not reach the server's state: " + seen.size() + " todos, expected "
                        + expected.size() + "\nseen     " + seen + "\nexpected " + expected + "\n" + diagnosis(List.of(c), log));
                }
                Thread.sleep(200);
                seen = c.todos();
            }
        }
    }

    /** The rows of {@code a} that {@code b} does not hold. */
    static List<JsonNode> differing(JsonNode a, JsonNode b) {
        Set<JsonNode> inB = new HashSet<>();
        b.forEach(inB::add);
        List<JsonNode> out = new ArrayList<>();
        a.forEach(row -> {
            if (!inB.contains(row)) out.add(row);
        });
        return out;
    }

    static void assertJavaEventlogIs(String clientId, Store s, List<EncodedEvent> log, long deadline) throws Exception {
        assertTrue(s.awaitSynced(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis()))), "synced: " + s.syncStatus());
        List<StoredEvent> events = s.events();
        assertEquals(log.size(), events.size(), clientId + "'s eventlog length");
        for (int i = 0; i < log.size(); i++) {
            EncodedEvent e = log.get(i);
            StoredEvent mine = events.get(i);
            String where = clientId + "'s event " + (i + 1);
            assertEquals(e.seqNum(), mine.seqNum().global(), where);
            assertEquals(e.name(), mine.name(), where);
            assertEquals(e.clientId(), mine.clientId(), where);
            assertEquals(JSON.readTree(e.args().json()), JSON.readTree(mine.argsJson()), where);
        }
    }

    /**
     * A LiveStore 0.4.0 Node client. Two faults of that client live between its session and its leader, inside one
     * process, and the server never sees them; the client recovers from each the way a user would, by starting the
     * process again, and says so on standard error:
     * <ul>
     * <li>a commit stays pending in the session while its leader holds nothing pending and hears of no event: the
     *     session's push never joined the leader's queue (seen after the leader had rebased the session's previous
     *     event) and nothing makes the session push it again (the family of livestore#954/#955). The event never
     *     reached the leader's eventlog, so it is lost with the process; the client commits it again in a new one
     *     unless the server holds it;</li>
     * <li>a session whose state differs from the log the server holds while its leader has every event of that log
     *     confirmed and nothing pending: a new process boots its session from the leader's database, and that is
     *     what is checked then.</li>
     * </ul>
     * A commit that the leader holds but the server does not confirm still fails the test (NODE_STALL_MS), as does
     * a leader whose state, after a restart, is not the server's.
     */
    final class NodeStoreClient extends Client {
        private final String url;
        private LiveStoreSyncServerTest.NodeClient node;
        private int restarts;

        NodeStoreClient(String url, String storeId, String clientId) throws Exception {
            super(storeId, clientId);
            this.url = url;
            this.node = start();
        }

        private LiveStoreSyncServerTest.NodeClient start() throws Exception {
            LiveStoreSyncServerTest.NodeClient n = new LiveStoreSyncServerTest.NodeClient(url, "ws", base.resolve(clientId), storeId, clientId, null,
                Map.of("SYNC_PING_INTERVAL_MS", Integer.toString(NODE_PING_MS)));
            js.add(n);
            return n;
        }

        /** A new process on the same directory; {@code forcibly}: killed, so that nothing more of the old one reaches its leader. */
        private void restart(String why, boolean forcibly) throws Exception {
            restarts++;
            assertTrue(restarts <= MAX_RESTARTS, clientId + ": more than " + MAX_RESTARTS + " restarts; the last for: " + why + "\n" + describe());
            System.err.println(clientId + ": LiveStore 0.4.0 client fault (" + why + "); starting the process again (restart " + restarts + ")");
            if (forcibly) {
                node.process.destroyForcibly();
                node.process.waitFor(10, TimeUnit.SECONDS);
            } else {
                node.kill();
            }
            node = start();
        }

        @Override
        void commit(int i) throws Exception {
            String line = String.join(" ", command(storeId, clientId, i));
            node.command(line);
            while (!awaitConfirmed(i)) {
                restart("commit " + i + " stayed in the session, its leader idle with nothing pending", true);
                // the old process is gone: once the server has read what it may have sent, the server holds the commit or nobody does
                Thread.sleep(1_000);
                long held = read(storeId).stream().filter(e -> e.clientId().equals(clientId)).count();
                if (held < i + 1) node.command(line);
            }
        }

        /**
         * Waits until the server has confirmed commit {@code i} to the leader; false if it stayed in the session
         * (see the class comment). LiveStore 0.4.0 also mishandles a commit made while an earlier one is still
         * unconfirmed and a push is refused: its session may push the later one first or twice (livestore PR #1530,
         * after 0.4.0), and its leader may park on the ServerAheadError with nothing left to pull (livestore#1394).
         * So a Node client commits again only once this commit is confirmed; the clients still race each other.
         */
        private boolean awaitConfirmed(int i) throws Exception {
            long deadline = System.currentTimeMillis() + COMMIT_MS;
            String upstream = "";
            long movedAt = System.currentTimeMillis();
            while (true) {
                boolean sessionPending = node.command("status").get("status").get("pendingCount").asInt() > 0;
                JsonNode leader = node.command("leader");
                boolean leaderPending = !leader.get("leader").get("pending").isEmpty();
                if (!sessionPending && !leaderPending) return true;
                long now = System.currentTimeMillis();
                // a client that loses race after race still hears of each winner; one that hears nothing is wedged
                String head = leader.get("leader").get("upstreamHead").asText();
                if (!head.equals(upstream)) {
                    upstream = head;
                    movedAt = now;
                }
                if (!leaderPending && now - movedAt >= SESSION_STALL_MS) return false;
                assertTrue(now - movedAt < NODE_STALL_MS, clientId + "'s commit " + i + " is pending and its leader has heard of no event for "
                    + NODE_STALL_MS / 1000 + " s (wedged): " + leader);
                assertTrue(now < deadline, clientId + "'s commit " + i + " is still pending after " + COMMIT_MS / 1000 + " s (losing race after race): " + leader);
                Thread.sleep(NODE_POLL_MS);
            }
        }

        @Override
        JsonNode todos() throws Exception {
            return node.command("state").get("todos");
        }

        @Override
        boolean settle(JsonNode expected, int head) throws Exception {
            JsonNode seen = todos();
            if (seen.equals(expected)) return true;
            JsonNode leader = node.command("leader").get("leader");
            if (!leader.get("pending").isEmpty() || !leader.get("upstreamHead").asText().equals("e" + head)) return false;
            restart("its session's state is not the server's log while its leader has all " + head + " events confirmed; the session's rows that differ: "
                + differing(seen, expected) + ", the log's: " + differing(expected, seen), false);
            return true;
        }

        @Override
        String describe() {
            String out = node.log();
            Path file = Path.of("target", "mixed-load-" + clientId + ".log").toAbsolutePath();
            try {
                Files.writeString(file, out);
            } catch (java.io.IOException e) {
                file = null;
            }
            String leader;
            try {
                node.answers.clear();   // an answer a stopped committer did not wait for
                leader = node.command("leader").toString();   // with the sockets it opened: more than 1 is a silent reconnect
            } catch (Exception | AssertionError e) {
                leader = "? (" + e + ")";
            }
            return restarts + " restart(s); leader " + leader + "\nNode output (all in " + file + "; its tail):\n" + out.substring(Math.max(0, out.length() - 1500));
        }
    }

    Client javaClient(String url, String storeId, String clientId) {
        Store store = Store.open(StoreOptions.builder(JavaAndJsSyncTest.SCHEMA).directory(base.resolve(clientId)).storeId(storeId)
            .clientId(clientId).sessionId(clientId + "-s").sync(SyncOptions.webSocket(URI.create(url)).build()).build());
        javaStores.add(store);
        return new Client(storeId, clientId) {

            @Override
            void commit(int i) {
                String[] cmd = command(storeId, clientId, i);
                JavaAndJsSyncTest.Todo todo = new JavaAndJsSyncTest.Todo(cmd[1], cmd[2]);
                store.commit(cmd[0].equals("create") ? JavaAndJsSyncTest.CREATED.of(todo) : JavaAndJsSyncTest.RENAMED.of(todo));
            }

            @Override
            JsonNode todos() {
                return JavaAndJsSyncTest.todos(store);
            }

            @Override
            String describe() {
                return "head " + store.head() + ", " + store.syncStatus();
            }

            @Override
            Store javaStore() {
                return store;
            }
        };
    }
}
