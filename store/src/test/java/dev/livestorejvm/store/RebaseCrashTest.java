package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a child JVM while its store rebases pending events onto a backend's, at random moments,
 * then opens the store: the files pass {@code integrity_check}, the eventlog is either the one before
 * the rebase or the one after (never a mix: the rollback, the re-materialization and the head move
 * are one transaction; after it, pushes may have confirmed some of the rebased events), and the state
 * equals a replay of the eventlog. Kills: 4, or
 * {@code -Dlivestore.rebaseKills=N} (the issue asks for 20).
 */
class RebaseCrashTest {
    static final int MINE = 300;
    static final int OTHERS = 300;

    @TempDir
    Path base;

    static StoreOptions.Builder options(Path base) {
        return StoreOptions.builder(Todos.schema()).directory(base).storeId("crash").clientId("me").sessionId("s-me");
    }

    @Test
    void aKilledRebaseLeavesTheStoreBeforeOrAfterIt() throws Exception {
        int kills = Integer.getInteger("livestore.rebaseKills", 4);
        Random random = new Random(7);
        for (int k = 0; k < kills; k++) {
            Path dir = base.resolve("run" + k);
            try (Store store = Store.open(options(dir).build())) {
                for (int i = 0; i < MINE; i++) store.commit(Todos.CREATED.of(new Todos.TodoCreated("m" + i, "x".repeat(500))));
            }
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RebaseCrashChild.class.getName(), dir.toString(), String.valueOf(OTHERS))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("rebasing", out.readLine());
                Thread.sleep(random.nextInt(1500));
                child.destroyForcibly();   // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertIntact(dir);
        }
    }

    void assertIntact(Path dir) throws Exception {
        Path storeDir = dir.resolve("crash");
        try (SqliteRuntime runtime = SqliteRuntime.create()) {
            for (String file : List.of(StoreFiles.EVENTLOG_FILE, Todos.schema().stateFileName())) {
                try (Database db = runtime.open(storeDir.resolve(file).toString()); Statement st = db.prepare("PRAGMA integrity_check")) {
                    assertTrue(st.step());
                    assertEquals("ok", st.getText(0), file);
                }
            }
        }
        List<StoredEvent> events;
        List<Map<String, Object>> state;
        try (Store store = Store.open(options(dir).build())) {
            events = store.events();
            state = store.query(Todos.TODOS.select().orderBy("id"));
            long syncHead = store.syncHead();
            if (syncHead == 0) {
                assertEquals(MINE, events.size(), "before the rebase: only this store's events");
                assertTrue(events.stream().allMatch(e -> e.seqNum().rebaseGeneration() == 0));
            } else {
                // after the rebase: the backend's head, or further if some of our rebased events were
                // pushed and confirmed before the kill (a fast child gets there within the sleep)
                assertTrue(syncHead >= OTHERS && syncHead <= OTHERS + MINE, "after the rebase: the sync head " + syncHead);
                assertEquals(MINE + OTHERS, events.size());
                assertEquals(MINE, events.stream().filter(e -> e.seqNum().rebaseGeneration() == 1).count(), "all of ours rebased");
            }
            for (int i = 0; i < events.size(); i++) assertEquals(i + 1, events.get(i).seqNum().global(), "no gap, no duplicate");
        }
        Files.delete(dir.resolve("crash").resolve(Todos.schema().stateFileName()));
        try (Store replayed = Store.open(options(dir).build())) {
            assertTrue(replayed.wasRebuilt());
            assertEquals(state, replayed.query(Todos.TODOS.select().orderBy("id")), "the state equals a replay of the eventlog");
        }
    }
}
