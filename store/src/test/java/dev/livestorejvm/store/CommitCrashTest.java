package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a child JVM that commits to a file store, at random moments, then opens the store:
 * every event has its state and its changeset and no state exists without its event (the commit
 * spans both files through SQLite's super-journal), and every commit the child saw persisted (by
 * flush, or by a synchronous commit: the child alternates) is there.
 * Kills: 4, or {@code -Dlivestore.crashKills=N}.
 */
class CommitCrashTest {
    @TempDir
    Path base;

    @Test
    void aKilledCommitIsAllOrNothingAcrossBothFiles() throws Exception {
        int kills = Integer.getInteger("livestore.crashKills", 4);
        Random random = new Random(42);
        long lastSeen = 0;
        for (int k = 0; k < kills; k++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitCrashChild.class.getName(), base.toString(),
                k % 2 == 0 ? "flush" : "sync")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int waitFor = 2 + random.nextInt(k % 2 == 0 ? 6 : 30);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (int n = 0; n < waitFor; n++) {
                    String line = out.readLine();
                    assertNotNull(line, "child ended early");
                    lastSeen = Long.parseLong(line.substring("committed ".length()));
                }
                Thread.sleep(random.nextInt(20));   // and kill it somewhere inside a later commit
                child.destroyForcibly();            // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            try (Store store = Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("crash").build())) {
                assertFalse(store.wasRebuilt(), "the state file survived");
                long events = store.events().size();
                long head = store.head().global();
                assertEquals(events, head, "no gaps in the eventlog");
                assertEquals(0, head % 2, "commits are two events: never half of one");
                assertTrue(head >= lastSeen, "every commit that returned is durable: saw e" + lastSeen + ", found e" + head);
                assertEquals(head / 2, store.query(Todos.TODOS.select().count()), "one todo per commit");
                assertEquals(head / 2, store.query(Todos.TODOS.select().where("completed", true).count()));
                List<Map<String, Object>> cs = store.queryPersisted(Query.sql(
                    "SELECT count(*) AS n, max(seqNumGlobal) AS m FROM __livestore_session_changeset"));
                assertEquals(head, cs.get(0).get("n"), "one changeset row per event");
                assertEquals(head == 0 ? null : head, cs.get(0).get("m"));
            }
        }
    }
}
