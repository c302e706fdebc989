package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} and {@code inspect} on a real file store. */
class StoreCommandsTest {
    @TempDir
    Path base;

    @Test
    void demoCommitsAndWatchesThenInspectShowsTheStore() {
        Cli.Result demo = Cli.run("", "demo", "--dir", base.toString());
        assertEquals(0, demo.code(), demo.toString());
        assertTrue(demo.out().contains("live query: {}"), demo.toString());
        assertTrue(demo.out().contains("live query: {[ ] buy milk, [ ] walk the dog, [ ] write the report}"), demo.toString());
        assertTrue(demo.out().contains("live query: {[x] buy milk, [ ] walk the dog, [ ] write the report}"), demo.toString());
        assertTrue(demo.out().contains("live query: {[x] buy milk, [ ] write the report}"), demo.toString());
        assertTrue(demo.out().contains("query: open todos = 1, all rows = 3"), demo.toString());
        assertTrue(demo.out().contains("eventlog: 5 events, head e5"), demo.toString());

        Cli.Result again = Cli.run("", "demo", "--dir", base.toString());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("eventlog: 10 events, head e10"), "a second run continues the store: " + again);

        Cli.Result inspect = Cli.run("", "inspect", base.resolve("todo").toString());
        assertEquals(0, inspect.code(), inspect.toString());
        assertTrue(inspect.out().contains("sync head: e0, backend: (none yet), pending (not yet confirmed by the backend): 10"),
            inspect.toString());
        assertTrue(inspect.out().contains("events: 10"), inspect.toString());
        assertTrue(inspect.out().contains("  e1 (parent e0) v1.TodoCreated {\"id\":\"todo-demo-1\",\"text\":\"buy milk\"} [client demo]"),
            inspect.toString());
        assertTrue(inspect.out().contains("  table todos: 6 rows"), inspect.toString());
        assertTrue(inspect.out().contains("  table __livestore_session_changeset: 10 rows"), inspect.toString());
        assertTrue(inspect.out().contains("    todo-demo-1 | buy milk | 1 | NULL"), inspect.toString());
    }

    @Test
    void twoDemosSyncThroughTheServer() {
        try (SyncServer server = SyncServer.builder(new SqliteStorage(base.resolve("server"))).build().start()) {
            String url = "ws://127.0.0.1:" + server.port();
            Cli.Result a = Cli.run("", "demo", "--dir", base.resolve("a").toString(), "--client-id", "a", "--sync", url);
            assertEquals(0, a.code(), a.toString());
            assertTrue(a.out().contains("synced: "), a.toString());
            Cli.Result b = Cli.run("", "demo", "--dir", base.resolve("b").toString(), "--client-id", "b", "--sync", url);
            assertEquals(0, b.code(), b.toString());
            assertTrue(b.out().contains("todos from every client: 6"), "b pulled a's todos: " + b);
            Cli.Result inspect = Cli.run("", "inspect", base.resolve("b").resolve("todo").toString());
            assertTrue(inspect.out().contains("sync head: e10, backend: "), inspect.toString());
            assertTrue(inspect.out().contains("pending (not yet confirmed by the backend): 0"), inspect.toString());
        }
    }

    @Test
    void inspectRefusesADirectoryWithoutAStore() {
        Cli.Result r = Cli.run("", "inspect", base.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("not a store directory"), r.toString());
    }
}
