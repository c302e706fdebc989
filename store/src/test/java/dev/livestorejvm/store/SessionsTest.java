package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.vfs.FaultInjectingVfs;
import dev.livestorejvm.vfs.FileVfs;
import dev.livestorejvm.vfs.ResultCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several sessions of one store, the leader's group commit, flush, and a leader that cannot write. */
class SessionsTest {
    @TempDir
    Path base;

    StoreOptions options(String session) {
        return StoreOptions.builder(Todos.schema()).directory(base).storeId("shared").clientId("c").sessionId(session).build();
    }

    static Event created(String id, String text) {
        return CREATED.of(new TodoCreated(id, text));
    }

    static final Query<List<Map<String, Object>>> ALL = TODOS.select().orderBy("id");

    @Test
    void twoSessionsOfOneDirectorySeeEachOthersCommits() {
        try (Store a = Store.open(options("sa")); Store b = Store.open(options("sb"))) {
            List<Integer> seenByA = new CopyOnWriteArrayList<>();
            List<Integer> seenByB = new CopyOnWriteArrayList<>();
            a.subscribe(ALL, rows -> seenByA.add(rows.size()));
            b.subscribe(ALL, rows -> seenByB.add(rows.size()));
            a.commit(created("1", "from a"));
            assertEquals(List.of(0, 1), seenByA, "the committing session's subscriptions fire before commit returns");
            b.flush();
            assertEquals(List.of(0, 1), seenByB, "the other session's fire once the leader has it");
            assertEquals(a.query(ALL), b.query(ALL));
            b.commit(created("2", "from b"), COMPLETED.of(new TodoCompleted("1")));
            assertEquals(new SeqNum(3, 0, 0), a.head(), "one numbering across sessions");
            a.flush();
            assertEquals(List.of(0, 1, 2), seenByA);
            assertEquals(Boolean.TRUE, a.query(TODOS.select().where("id", "1").first()).orElseThrow().get("completed"));
            List<StoredEvent> log = a.events();
            assertEquals(List.of("sa", "sb", "sb"), log.stream().map(StoredEvent::sessionId).toList());
            assertEquals(List.of(1L, 2L, 3L), log.stream().map(e -> e.seqNum().global()).toList());
        }
    }

    @Test
    void concurrentCommittersLeaveAGaplessLogAndIdenticalStates() throws Exception {
        int threads = 4;
        int commitsPerThread = Integer.getInteger("livestore.sessionsCommits", System.getenv("CI") != null ? 25 : 60);
        List<Long> oddCounts = Collections.synchronizedList(new ArrayList<>());
        try (Store a = Store.open(options("sa")); Store b = Store.open(options("sb"))) {
            // every commit creates two todos: a subscriber must never see an odd count (half a commit)
            b.subscribe(TODOS.select().count(), n -> {
                if (n % 2 != 0) oddCounts.add(n);
            });
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Store s = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < commitsPerThread; i++) {
                        s.commit(created(thread + "-" + i + "-x", "t"), created(thread + "-" + i + "-y", "t"));
                        if (i % 7 == 0) s.query(ALL);
                    }
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            a.flush();
            b.flush();
            long n = 2L * threads * commitsPerThread;
            List<StoredEvent> log = a.events();
            assertEquals(n, log.size());
            for (int i = 0; i < log.size(); i++) {
                assertEquals(new SeqNum(i + 1, 0, 0), log.get(i).seqNum(), "no gaps, no duplicates");
                assertEquals(new SeqNum(i, 0, 0), log.get(i).parentSeqNum());
            }
            List<Map<String, Object>> persisted = a.queryPersisted(ALL);
            assertEquals(n, persisted.size());
            assertEquals(persisted, a.query(ALL), "session a's replica equals the leader's state");
            assertEquals(persisted, b.query(ALL), "session b's replica equals the leader's state");
            assertEquals(n, a.queryPersisted(Query.sql("SELECT count(*) AS n FROM __livestore_session_changeset")).get(0).get("n"));
            assertEquals(List.of(), oddCounts, "no subscriber saw half a commit");
        }
        try (Store again = Store.open(options("sc"))) {
            assertEquals(2L * threads * commitsPerThread, again.query(TODOS.select().count()));
        }
    }

    @Test
    void flushedCommitsSurviveAReopenAndSynchronousCommitsNeedNoFlush() {
        try (Store s = Store.open(options("s1"))) {
            for (int i = 0; i < 40; i++) s.commit(created("t" + i, "x"));
            s.flush();
            assertEquals(40, s.events().size());
        }
        StoreOptions sync = StoreOptions.builder(Todos.schema()).directory(base).storeId("shared").synchronousCommits(true).build();
        try (Store s = Store.open(sync)) {
            assertEquals(40L, s.query(TODOS.select().count()));
            s.commit(created("last", "x"));
            assertEquals(1L, s.queryPersisted(TODOS.select().where("id", "last").count()), "on the leader when commit returns");
        }
        try (Store s = Store.open(options("s3"))) {
            assertEquals(41L, s.query(TODOS.select().count()));
            assertEquals(new SeqNum(41, 0, 0), s.head());
        }
    }

    @Test
    void inMemorySessionsShareTheirOptionsStore() {
        StoreOptions o = StoreOptions.builder(Todos.schema()).inMemory().build();
        try (Store a = Store.open(o); Store b = Store.open(o);
             Store other = Store.open(StoreOptions.builder(Todos.schema()).inMemory().build())) {
            a.commit(created("1", "x"));
            b.flush();
            assertEquals(1L, b.query(TODOS.select().count()));
            assertEquals(0L, other.query(TODOS.select().count()), "other options, another store");
        }
    }

    @Test
    void aLeaderThatCannotWriteRollsEverySessionBackAndSaysWhichEventsAreLost() {
        FaultInjectingVfs faults = new FaultInjectingVfs(new FileVfs());
        try (SqliteRuntime runtime = SqliteRuntime.create()) {
            runtime.registerVfs("faulty", faults, true);
            StoreOptions.Builder b = StoreOptions.builder(Todos.schema()).directory(base).storeId("faulty").runtime(runtime);
            try (Store a = Store.open(b.sessionId("sa").build()); Store other = Store.open(b.sessionId("sb").build())) {
                a.commit(created("kept", "x"));
                a.flush();
                List<Long> counts = new CopyOnWriteArrayList<>();
                other.subscribe(TODOS.select().count(), counts::add);

                faults.failNth(FaultInjectingVfs.Op.SYNC, 1, ResultCodes.SQLITE_IOERR_FSYNC);
                a.commit(created("lost1", "x"), created("lost2", "x"));
                assertEquals(3L, a.query(TODOS.select().count()), "optimistic: the session has it at once");
                StoreException e = assertThrows(StoreException.class, a::flush);
                assertTrue(e.getMessage().contains("could not persist 2 event(s) [e2 v1.TodoCreated, e3 v1.TodoCreated]"), e.getMessage());
                assertEquals(1L, a.query(TODOS.select().count()), "rolled back to the persisted state");
                assertEquals(new SeqNum(1, 0, 0), a.head());
                a.flush();   // reported once

                StoreException inOther = assertThrows(StoreException.class, () -> other.commit(created("no", "x")));
                assertTrue(inOther.getMessage().contains("e2 v1.TodoCreated"), "each session hears of it: " + inOther.getMessage());
                assertEquals(1L, other.query(TODOS.select().count()), "the refused commit left nothing");
                assertEquals(1L, counts.get(counts.size() - 1), "subscribers see the rollback");

                assertEquals(List.of(new SeqNum(2, 0, 0)), other.commit(created("after", "x")), "numbering goes on from the persisted head");
                other.flush();
                a.flush();
                assertEquals(List.of("after", "kept"), a.query(ALL).stream().map(r -> r.get("id")).toList());
            }
            try (Store reopened = Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("faulty").runtime(runtime).build())) {
                List<StoredEvent> log = reopened.events();
                assertEquals(2, log.size());
                assertEquals(List.of(1L, 2L), log.stream().map(ev -> ev.seqNum().global()).toList());
                assertTrue(log.get(1).argsJson().contains("after"));
                assertEquals(2L, reopened.query(TODOS.select().count()));
                assertEquals(2L, reopened.queryPersisted(Query.sql("SELECT count(*) AS n FROM __livestore_session_changeset")).get(0).get("n"));
            }
        }
    }

    @Test
    void badInputFailsTheCallerAndReachesNoOtherSession() {
        try (Store a = Store.open(options("sa")); Store b = Store.open(options("sb"))) {
            a.commit(created("1", "x"));
            assertThrows(StoreException.class, () -> a.commit(created("2", "x"), created("1", "duplicate id")));
            a.flush();
            b.flush();
            assertEquals(1L, b.query(TODOS.select().count()));
            assertEquals(1, b.events().size());
            assertEquals(new SeqNum(2, 0, 0), b.commit(created("3", "x")).get(0), "the refused events took no number");
        }
    }
}
