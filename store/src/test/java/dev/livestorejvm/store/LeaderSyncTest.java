package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.InProcessSyncBackend;
import dev.livestorejvm.store.sync.InProcessSyncServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores syncing through one backend converge: same eventlog, same state, equal to a replay. */
class LeaderSyncTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    static final String STORE = "default";

    @TempDir
    Path base;

    final InProcessSyncServer server = new InProcessSyncServer();
    /** Each client's connection to the server, for its fault switches. */
    final Map<String, InProcessSyncBackend> backends = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterEach
    void stopServer() {
        server.close();
    }

    Store open(String client) {
        return Store.open(StoreOptions.builder(Todos.schema()).directory(base.resolve(client)).clientId(client).sessionId("s-" + client)
            .sync(SyncOptions.builder((store, c) -> backends.computeIfAbsent(c, x -> server.backend(store, x))).build()).build());
    }

    long head() {
        return server.head(STORE);
    }

    static List<String> log(Store store) {
        List<String> out = new ArrayList<>();
        for (StoredEvent e : store.events()) out.add(e.seqNum().global() + "." + e.seqNum().client() + " " + e.name() + e.argsJson());
        return out;
    }

    static List<Map<String, Object>> todos(Store store) {
        return store.query(TODOS.select().orderBy("id"));
    }

    static void awaitSynced(Store... stores) throws InterruptedException {
        for (Store s : stores) assertTrue(s.awaitSynced(WAIT), () -> "not synced: " + s.syncStatus());
    }

    /** Waits until every store has the backend's head. */
    void awaitHead(Store... stores) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Store s : stores) {
            while (s.syncStatus().backendHead() < head()) {
                assertTrue(System.nanoTime() < deadline, () -> "did not catch up: " + s.syncStatus() + ", backend head " + head());
                Thread.sleep(10);
            }
            s.flush();
        }
    }

    static Event created(String id) {
        return CREATED.of(new TodoCreated(id, "text " + id));
    }

    @Test
    void twoStoresConvergeThroughARebase() throws Exception {
                try (Store a = open("a"); Store b = open("b")) {
            offline(true, "a", "b");   // both number their events e1...: whichever pushes second must rebase
            a.commit(created("a1"), created("a2"));
            b.commit(created("b1"));
            List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.subscribe(TODOS.select().count(), seen::add);
            offline(false, "a", "b");
            awaitSynced(a, b);
            awaitHead(a, b);
            assertEquals(3, head());
            assertEquals(log(a), log(b));
            assertEquals(todos(a), todos(b));
            assertEquals(3, todos(b).size());
            long rebased = java.util.stream.Stream.of(a, b).flatMap(s -> s.events().stream())
                .filter(e -> e.seqNum().rebaseGeneration() == 1).count();
            assertTrue(rebased == 1 || rebased == 2, "the second pusher's events were rebased: " + rebased);
            assertEquals(3L, seen.get(seen.size() - 1), "b's subscription follows");
            for (Store s : List.of(a, b)) {
                for (StoredEvent e : s.events()) {
                    assertTrue(e.syncMetadataJson().contains("SyncMessage.SyncMetadata"), "confirmed with metadata, rebased ones too: " + e);
                }
                SyncStatus st = s.syncStatus();
                assertEquals(new SyncStatus(true, true, false, st.localHead(), 3, 0, server.backendId(STORE), null), st);
                assertEquals(3, st.localHead().global());
            }
        }
    }

    @Test
    void offlineCommitsArePushedOnceTheBackendIsBack() throws Exception {
                try (Store a = open("a"); Store b = open("b")) {
            offline(true, "a", "b");
            for (int i = 0; i < 250; i++) a.commit(created("a" + i));
            b.commit(created("b0"));
            a.flush();
            assertEquals(250, a.syncStatus().pendingCount());
            assertFalse(a.awaitSynced(Duration.ofMillis(200)));
            offline(false, "a", "b");
            awaitSynced(a, b);
            awaitHead(a, b);
            assertEquals(251, head());
            assertEquals(log(a), log(b));
            assertEquals(todos(a), todos(b));
        }
    }

    @Test
    void randomCommitsAndFaultsConverge() throws Exception {
        int rounds = Integer.getInteger("sync.rounds", 40);
                Random random = new Random(42);
        Store[] stores = {open("a"), open("b"), open("c")};
        try {
            for (int round = 0; round < rounds; round++) {
                Store s = stores[random.nextInt(stores.length)];
                int n = 1 + random.nextInt(3);
                List<Event> events = new ArrayList<>();
                for (int i = 0; i < n; i++) events.add(created("r" + round + "-" + i));
                if (random.nextInt(5) == 0) events.add(COMPLETED.of(new TodoCompleted("r" + random.nextInt(round + 1) + "-0")));
                s.commit(events.toArray(Event[]::new));
                switch (random.nextInt(10)) {
                    case 0 -> backends.get(List.of("a", "b", "c").get(random.nextInt(3))).failNextPushes(1 + random.nextInt(2));
                    case 1 -> backends.get(List.of("a", "b", "c").get(random.nextInt(3))).dropConnection();
                    case 4 -> backends.get(List.of("a", "b", "c").get(random.nextInt(3))).duplicateNextPage();
                    case 2 -> stores[random.nextInt(stores.length)].pauseSync();
                    case 3 -> {
                        for (Store t : stores) t.resumeSync();
                    }
                    default -> { }
                }
            }
            for (Store t : stores) t.resumeSync();
            awaitSynced(stores);
            awaitHead(stores);
            for (Store t : stores) {
                assertEquals(log(stores[0]), log(t));
                assertEquals(todos(stores[0]), todos(t));
            }
            assertEquals(head(), stores[0].events().size());
        } finally {
            for (Store t : stores) t.close();
        }
        // the state of each equals a replay of its eventlog
        java.nio.file.Files.delete(base.resolve("a").resolve(options("a").storeId).resolve(Todos.schema().stateFileName()));
        try (Store replayed = Store.open(options("a")); Store b = Store.open(options("b"))) {
            assertTrue(replayed.wasRebuilt());
            assertEquals(todos(b), todos(replayed));
        }
    }

    /** Takes clients' connections down (the server unreachable for them) or up again. */
    @Test
    void aLargePulledBurstReachesTheSessionsAsAnImageAndASmallOneEventByEvent() throws Exception {
        int n = LeaderSync.RELOAD_MIN_EVENTS * 3;
        try (Store a = open("a")) {
            for (int i = 0; i < n; i++) a.commit(created("a" + i));
            awaitSynced(a);
        }
        java.util.concurrent.atomic.AtomicInteger materialized = new java.util.concurrent.atomic.AtomicInteger();
        Schema counting = Schema.builder().table(TODOS).table(UI_STATE)
            .event(CREATED, (t, ctx) -> {
                materialized.incrementAndGet();
                return List.of(TODOS.insert(row("id", t.id(), "text", t.text(), "completed", false)));
            })
            .build();
        backends.put("b", server.backend(STORE, "b"));
        offline(true, "b");   // b's session is there before anything is pulled
        try (Store b = Store.open(StoreOptions.builder(counting).directory(base.resolve("b")).clientId("b").sessionId("s-b")
                .sync(SyncOptions.builder((store, c) -> backends.get(c)).build()).build())) {
            List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.subscribe(TODOS.select().count(), seen::add);
            offline(false, "b");
            awaitHead(b);
            assertEquals(n, todos(b).size());
            assertEquals((long) n, seen.get(seen.size() - 1), "the subscription follows the reload");
            assertEquals(n, materialized.get(), "the leader materialized each pulled event once and the session loaded an image");
            Query<List<Map<String, Object>>> rows = Query.sql("SELECT rowid AS r, id, text FROM todos ORDER BY rowid");
            assertEquals(b.queryPersisted(rows), b.query(rows), "the session's replica is the leader's state, rowids included");

            try (Store a = open("a")) {
                for (int i = 0; i < 3; i++) a.commit(created("late" + i));
                awaitSynced(a);
            }
            awaitHead(b);
            assertEquals(n + 3, todos(b).size());
            assertEquals((long) n + 3, seen.get(seen.size() - 1));
            assertEquals(n + 6, materialized.get(), "a small burst is materialized on the leader and on the session's replica");
            assertEquals(b.queryPersisted(rows), b.query(rows));
        }
    }

    void offline(boolean down, String... clients) {
        for (String c : clients) backends.get(c).setReachable(!down);
    }

    StoreOptions options(String client) {
        return StoreOptions.builder(Todos.schema()).directory(base.resolve(client)).clientId(client).build();
    }

    @Test
    void aResetBackendMakesTheStoreStartOverAndReportWhatItDiscarded() throws Exception {
                try (Store a = open("a")) {
            a.commit(created("a1"));
            awaitSynced(a);
            a.pauseSync();
            a.commit(created("a2"));
            List<SyncStatus> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.onSyncStatus(heard::add);
            server.reset(STORE);
            InProcessSyncBackend z = server.backend(STORE, "z");
            z.connect().get();
            z.push(List.of(new GlobalEvent(1, 0, CREATED.name(), "{\"id\":\"new\",\"text\":\"n\"}", "z", "s-z")), Optional.empty()).get();
            a.resumeSync();
            long deadline = System.nanoTime() + WAIT.toNanos();
            // the session sees the row before the sync status names the new backend (the status is published last)
            while (!todos(a).stream().map(r -> r.get("id")).toList().equals(List.of("new"))
                || !server.backendId(STORE).equals(a.syncStatus().backendId())) {
                assertTrue(System.nanoTime() < deadline, () -> "not reset: " + a.syncStatus() + " " + todos(a));
                Thread.sleep(20);
            }
            assertTrue(heard.stream().anyMatch(s -> s.lastError() != null && s.lastError().contains("1 unconfirmed local event(s) were discarded")),
                () -> "the listener heard of the discarded event: " + heard);
            assertEquals(server.backendId(STORE), a.syncStatus().backendId());
            assertEquals(List.of("1.0 v1.TodoCreated{\"id\":\"new\",\"text\":\"n\"}"), log(a));
        }
    }
}
