package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a StoreException naming the event or table, and leaves nothing behind in either file. */
class BadInputTest {
    @TempDir
    Path base;

    record Boom(String id) {}

    static final EventDef<Boom> THROWS = EventDef.synced("v1.Throws", Boom.class);
    static final EventDef<Boom> UNDECLARED = EventDef.synced("v1.Undeclared", Boom.class);
    static final EventDef<Boom> SNEAKY = EventDef.synced("v1.Sneaky", Boom.class);
    static final EventDef<Boom> FOREIGN = EventDef.synced("v1.Foreign", Boom.class);
    static final EventDef<Boom> CONSTRAINT = EventDef.synced("v1.Constraint", Boom.class);
    static final EventDef<Boom> SPY = EventDef.synced("v1.Spy", Boom.class);
    static final Table ELSEWHERE = Table.define("elsewhere", Column.text("id").primaryKey());

    static Schema schema() {
        Schema.Builder b = Schema.builder().table(TODOS).table(UI_STATE)
            .event(CREATED, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id(), "text", a.text()))))
            .event(THROWS, (a, ctx) -> {
                throw new IllegalStateException("materializer bug for " + a.id());
            })
            // declares todos but writes uiState too
            .event(UNDECLARED, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id())),
                Write.sql("INSERT INTO uiState (id, value) VALUES (?, '{}')", Set.of("todos"), a.id())))
            // one raw write that declares todos and writes uiState
            .event(SNEAKY, (a, ctx) -> List.of(Write.sql("INSERT INTO uiState (id, value) VALUES (?, '{}')", Set.of("todos"), a.id())))
            .event(FOREIGN, (a, ctx) -> List.of(ELSEWHERE.insert(Map.of("id", a.id()))))
            // a second insert of the same id breaks the primary key
            .event(CONSTRAINT, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id())), TODOS.insert(Todos.row("id", a.id()))))
            // a trigger that makes every later insert into todos write uiState as well
            .event(SPY, (a, ctx) -> List.of(Write.sql("CREATE TRIGGER spy AFTER INSERT ON todos BEGIN "
                + "INSERT INTO uiState (id, value) VALUES (NEW.id, '{}'); END", Set.of("todos"))));
        return b.build();
    }

    /** Another state schema (one more table), hence another state file. */
    static Schema otherSchema() {
        return Schema.builder().table(TODOS).table(UI_STATE).table(ELSEWHERE)
            .event(CREATED, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id(), "text", a.text())))).build();
    }

    Store open() {
        return Store.open(StoreOptions.builder(schema()).directory(base).build());
    }

    /** Everything a failed commit could have left behind, read back through the store. */
    static List<Object> footprint(Store store) {
        return List.of(store.events(), store.query(TODOS.select().orderBy("id")), store.query(UI_STATE.select()),
            store.queryPersisted(Query.sql("SELECT count(*) AS n FROM __livestore_session_changeset")), store.head());
    }

    @Test
    void failingMaterializersLeaveNothingInEitherFile() throws Exception {
        List<Object> before;
        try (Store store = open()) {
            store.commit(CREATED.of(new TodoCreated("a", "kept")));
            before = footprint(store);
            StoreException e = assertThrows(StoreException.class,
                () -> store.commit(CREATED.of(new TodoCreated("b", "lost")), THROWS.of(new Boom("x"))));
            assertTrue(e.getMessage().contains("v1.Throws (e3)") && e.getMessage().contains("materializer bug for x"), e.getMessage());
            assertEquals(before, footprint(store), "the good event of the same commit is gone too");

            e = assertThrows(StoreException.class, () -> store.commit(UNDECLARED.of(new Boom("u"))));
            assertTrue(e.getMessage().contains("v1.Undeclared") && e.getMessage().contains("[uiState]"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(SNEAKY.of(new Boom("s"))));
            assertTrue(e.getMessage().contains("v1.Sneaky") && e.getMessage().contains("[uiState]"), e.getMessage());
            assertEquals(before, footprint(store), "a single undeclared write is undone too");
            e = assertThrows(StoreException.class, () -> store.commit(FOREIGN.of(new Boom("f"))));
            assertTrue(e.getMessage().contains("v1.Foreign") && e.getMessage().contains("elsewhere"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(CONSTRAINT.of(new Boom("a2"))));
            assertTrue(e.getMessage().contains("v1.Constraint") && e.getMessage().contains("UNIQUE"), e.getMessage());
            assertEquals(before, footprint(store));
            store.commit(CREATED.of(new TodoCreated("c", "after")));
            assertEquals(new SeqNum(2, 0, 0), store.head(), "numbering continues after failures");
        }
        // and on disk, as another tool sees the files
        Path dir = base.resolve("default");
        assertEquals(List.of("1|v1.TodoCreated", "2|v1.TodoCreated"),
            DdlTest.sqlite3(dir.resolve("eventlog@6.db"), "SELECT seqNumGlobal, name FROM eventlog ORDER BY 1;"));
        String state = schema().stateFileName();
        assertEquals(List.of("a|kept", "c|after"), DdlTest.sqlite3(dir.resolve(state), "SELECT id, text FROM todos ORDER BY 1;"));
        assertEquals(List.of("1", "2"), DdlTest.sqlite3(dir.resolve(state), "SELECT seqNumGlobal FROM __livestore_session_changeset ORDER BY 1;"));
        assertEquals(List.of("0"), DdlTest.sqlite3(dir.resolve(state), "SELECT count(*) FROM uiState;"));
    }

    /** A commit of one plain insert runs without a transaction of its own on the replica: only while nothing can refuse it. */
    @Test
    void aLoneInsertIsUndoneWhenItFailsOrATriggerWritesAnUndeclaredTable() {
        try (Store store = open()) {
            store.commit(CREATED.of(new TodoCreated("a", "kept")));
            List<Object> before = footprint(store);
            StoreException e = assertThrows(StoreException.class, () -> store.commit(CREATED.of(new TodoCreated("a", "again"))));
            assertTrue(e.getMessage().contains("v1.TodoCreated") && e.getMessage().contains("UNIQUE"), e.getMessage());
            assertEquals(before, footprint(store));
            store.commit(SPY.of(new Boom("s")));
            before = footprint(store);
            e = assertThrows(StoreException.class, () -> store.commit(CREATED.of(new TodoCreated("b", "spied"))));
            assertTrue(e.getMessage().contains("v1.TodoCreated") && e.getMessage().contains("[uiState]"), e.getMessage());
            assertEquals(before, footprint(store), "the trigger's row and the insert are both undone");
        }
    }

    @Test
    void badArgumentsAndUnknownEventsAreRefusedBeforeAnythingIsWritten() {
        try (Store store = open()) {
            StoreException e = assertThrows(StoreException.class, () -> store.commit(Event.ofJson("v1.Nope", "{}")));
            assertTrue(e.getMessage().contains("unknown event v1.Nope"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(Event.ofJson("v1.TodoCreated", "{\"id\":\"a\"}")));
            assertTrue(e.getMessage().contains("v1.TodoCreated") && e.getMessage().contains("text"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(Event.ofJson("v1.TodoCreated", "{\"id\":\"a\",\"text\":5}")));
            assertTrue(e.getMessage().contains("v1.TodoCreated"), e.getMessage());
            e = assertThrows(StoreException.class,
                () -> store.commit(Event.ofJson("v1.TodoCreated", "{\"id\":\"a\",\"text\":\"t\",\"extra\":1}")));
            assertTrue(e.getMessage().contains("extra"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(CREATED.of(new TodoCreated("a", null))));
            assertTrue(e.getMessage().contains("v1.TodoCreated") && e.getMessage().contains("text"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(CREATED.of(null)));
            assertTrue(e.getMessage().contains("v1.TodoCreated"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.commit(Event.ofJson("v1.TodoCreated", "not json")));
            assertTrue(e.getMessage().contains("v1.TodoCreated"), e.getMessage());
            assertEquals(List.of(), store.events());
            // a JSON event that fits is accepted and stored re-encoded
            store.commit(Event.ofJson("v1.TodoCreated", "{ \"text\": \"t\", \"id\": \"a\" }"));
            assertEquals("{\"id\":\"a\",\"text\":\"t\"}", store.events().get(0).argsJson());
        }
    }

    @Test
    void queriesOnUnknownTablesOrColumnsNameThem() {
        try (Store store = open()) {
            StoreException e = assertThrows(StoreException.class, () -> store.query(Query.sql("SELECT * FROM nothing_here")));
            assertTrue(e.getMessage().contains("no such table: nothing_here"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.query(Query.sql("SELECT nope FROM todos")));
            assertTrue(e.getMessage().contains("no such column: nope"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.query(ELSEWHERE.select()));
            assertTrue(e.getMessage().contains("elsewhere") && e.getMessage().contains("not in the schema"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.subscribe(Query.sql("SELECT * FROM nothing_here"), r -> {}));
            assertTrue(e.getMessage().contains("nothing_here"), e.getMessage());
        }
    }

    @Test
    void aStoreDirectoryInUseWithAnotherSchemaIsRefused() {
        try (Store store = open()) {
            store.commit(CREATED.of(new TodoCreated("a", "x")));
            StoreException e = assertThrows(StoreException.class,
                () -> Store.open(StoreOptions.builder(otherSchema()).directory(base).build()));
            assertTrue(e.getMessage().contains("in use") && e.getMessage().contains("another schema"), e.getMessage());
            try (Store second = open()) {
                assertEquals(1, second.events().size(), "the same schema opens a second session instead");
            }
            assertEquals(1, store.events().size(), "the first store goes on");
            store.commit(CREATED.of(new TodoCreated("b", "y")));
        }
        try (Store again = Store.open(StoreOptions.builder(otherSchema()).directory(base).build())) {
            assertTrue(again.wasRebuilt(), "free again once closed: another schema rebuilds its state");
            assertEquals(2, again.events().size());
        }
    }
}
