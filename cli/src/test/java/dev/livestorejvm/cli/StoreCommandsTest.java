package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.*;

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
        assertTrue(inspect.out().contains("sync head: e0, backend: (none yet)"), inspect.toString());
        assertTrue(inspect.out().contains("events: 10"), inspect.toString());
        assertTrue(inspect.out().contains("  e1 (parent e0) v1.TodoCreated {\"id\":\"todo-1\",\"text\":\"buy milk\"} [client demo]"),
            inspect.toString());
        assertTrue(inspect.out().contains("  table todos: 6 rows"), inspect.toString());
        assertTrue(inspect.out().contains("  table __livestore_session_changeset: 10 rows"), inspect.toString());
        assertTrue(inspect.out().contains("    todo-1 | buy milk | 1 | NULL"), inspect.toString());
    }

    @Test
    void inspectRefusesADirectoryWithoutAStore() {
        Cli.Result r = Cli.run("", "inspect", base.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("not a store directory"), r.toString());
    }
}
