package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that commits and exits without closing its store loses nothing: the leader's writer is
 * a daemon thread, and a shutdown hook waits for it to persist what was committed.
 */
class ExitDrainTest {
    static final int COMMITS = 200;

    @TempDir
    Path base;

    /** Commits {@value #COMMITS} todos one by one, never flushes or closes, and exits. */
    public static final class Child {
        public static void main(String[] args) {
            Store store = Store.open(StoreOptions.builder(Todos.schema()).directory(Path.of(args[0])).storeId("exit").build());
            for (int i = 0; i < COMMITS; i++) store.commit(Todos.CREATED.of(new Todos.TodoCreated("t" + i, "x")));
            System.exit(0);
        }
    }

    @Test
    void committedEventsArePersistedWhenTheJvmExitsWithoutClose() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Child.class.getName(), base.toString())
            .inheritIO().start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, child.exitValue());
        try (Store store = Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("exit").build())) {
            assertEquals(COMMITS, store.events().size());
            assertEquals((long) COMMITS, store.query(Todos.TODOS.select().count()));
        }
    }
}
