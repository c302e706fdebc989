package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.RuntimeStopper;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.store.sync.InProcessSyncServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, self-healing: a store whose runtime stops (a trap, an Error inside SQLite, a bug)
 * restarts its leader on fresh runtimes from its files, moves its sessions there (replicas reloaded,
 * subscriptions told) and, if it syncs, its sync processor comes back. Before, every later call
 * failed with "the SQLite module stopped" until the JVM exited.
 */
class RuntimeRestartTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path base;

    StoreOptions.Builder options(String id) {
        return StoreOptions.builder(Todos.schema()).directory(base).storeId(id);
    }

    static Event created(String id) {
        return CREATED.of(new TodoCreated(id, "text " + id));
    }

    @Test
    void aFailedSessionRuntimeRestartsTheStoreAndLosesNothing() throws Exception {
        StoreOptions o = options("s").build();
        try (Store a = Store.open(o); Store b = Store.open(o)) {
            a.commit(created("a"), created("b"));
            List<Long> seen = new CopyOnWriteArrayList<>();
            b.subscribe(TODOS.select().count(), seen::add);
            SqliteRuntime failing = a.leaderForTests().sessionRuntime();
            RuntimeStopper.stop(failing);   // the replicas of both sessions live there

            assertEquals(2, a.query(TODOS.select()).size(), "the next call works, on the state reloaded from the files");
            assertNotSame(failing, a.leaderForTests().sessionRuntime(), "a fresh runtime");
            assertTrue(failing.isClosed(), "the failed runtime was closed");
            a.commit(created("c"));
            b.flush();
            assertEquals(3, b.query(TODOS.select()).size(), "the other session moved too");
            assertEquals(3L, seen.get(seen.size() - 1), "and its subscription follows: " + seen);
            assertEquals(3, a.events().size());
        }
        try (Store again = Store.open(o)) {
            assertEquals(3, again.query(TODOS.select()).size(), "everything is on disk, and the directory opens again");
        }
    }

    @Test
    void aFailedLeaderRuntimeRestartsFromTheFiles() throws Exception {
        StoreOptions o = options("l").synchronousCommits(true).build();
        try (Store s = Store.open(o)) {
            s.commit(created("a"));
            List<Long> seen = new CopyOnWriteArrayList<>();
            s.subscribe(TODOS.select().count(), seen::add);
            SqliteRuntime failing = s.leaderForTests().runtime();
            RuntimeStopper.stop(failing);   // the persisted connection's runtime: its files and locks are released

            s.commit(created("b"));   // the next commit works, on the restarted leader
            assertNotSame(failing, s.leaderForTests().runtime());
            assertEquals(List.of("v1.TodoCreated", "v1.TodoCreated"), s.events().stream().map(StoredEvent::name).toList());
            assertEquals(2L, seen.get(seen.size() - 1), "the subscription follows: " + seen);
        }
        try (Store again = Store.open(o)) {
            assertEquals(2, again.query(TODOS.select()).size());
        }
    }

    @Test
    void theSyncProcessorComesBackAfterARestart() throws Exception {
        try (InProcessSyncServer server = new InProcessSyncServer()) {
            SyncOptions sync = SyncOptions.builder((store, client) -> server.backend(store, client)).build();
            StoreOptions oa = StoreOptions.builder(Todos.schema()).directory(base.resolve("a")).clientId("a").sessionId("sa").sync(sync).build();
            StoreOptions ob = StoreOptions.builder(Todos.schema()).directory(base.resolve("b")).clientId("b").sessionId("sb").sync(sync).build();
            try (Store a = Store.open(oa); Store b = Store.open(ob)) {
                a.commit(created("a1"));
                assertTrue(a.awaitSynced(WAIT));
                List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
                a.onSyncStatus(statuses::add);
                RuntimeStopper.stop(a.leaderForTests().runtime());

                a.commit(created("a2"));
                assertTrue(a.awaitSynced(WAIT), () -> "pushed after the restart: " + a.syncStatus());
                b.commit(created("b1"));
                assertTrue(b.awaitSynced(WAIT));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (a.syncStatus().backendHead() < 3) {
                    assertTrue(System.nanoTime() < deadline, () -> "a did not pull after the restart: " + a.syncStatus());
                    Thread.sleep(10);
                }
                a.flush();
                assertEquals(3, a.query(TODOS.select()).size(), "pulled b's event");
                assertTrue(statuses.stream().anyMatch(st -> st.backendHead() == 3), "the sync status listener moved to the new leader: " + statuses);
            }
        }
    }
}
