package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boot: the state database is kept when its schema hash matches, else rebuilt from the eventlog. */
class BootTest {
    @TempDir
    Path base;

    Store open(Schema schema) {
        return Store.open(StoreOptions.builder(schema).directory(base).storeId("todo").build());
    }

    Path dir() {
        return base.resolve("todo");
    }

    void fill(Store store) {
        store.commit(CREATED.of(new TodoCreated("a", "milk")), CREATED.of(new TodoCreated("b", "bread")),
            CREATED.of(new TodoCreated("c", "eggs")));
        store.commit(COMPLETED.of(new TodoCompleted("a")), DELETED.of(new TodoDeleted("b", Instant.ofEpochMilli(5))));
        store.commit(UI_STATE.set(Map.of("newTodoText", "x")));
    }

    @Test
    void aMatchingStateIsKeptAndAMissingOneIsReplayed() throws Exception {
        List<Map<String, Object>> rows;
        Object doc;
        try (Store store = open(Todos.schema())) {
            assertTrue(store.wasRebuilt(), "a new store starts with an empty state");
            assertEquals(0, store.replayedEvents());
            fill(store);
            rows = store.query(TODOS.select().orderBy("id"));
            doc = store.query(UI_STATE.select());
        }
        try (Store store = open(Todos.schema())) {
            assertFalse(store.wasRebuilt(), "same schema hash: the state file is used as it is");
            assertEquals(rows, store.query(TODOS.select().orderBy("id")));
        }
        Files.delete(dir().resolve(Todos.schema().stateFileName()));
        try (Store store = open(Todos.schema())) {
            assertTrue(store.wasRebuilt());
            assertEquals(6, store.replayedEvents());
            assertEquals(rows, store.query(TODOS.select().orderBy("id")));
            assertEquals(doc, store.query(UI_STATE.select()));
            assertEquals(6L, store.query(Query.sql("SELECT count(*) AS n FROM __livestore_session_changeset")).get(0).get("n"),
                "replay records changesets, so replayed events can be rolled back");
            assertEquals(List.of("uiStateSet", "v1.TodoDeleted", "v1.TodoCompleted"),
                store.rollback(3).stream().map(StoredEvent::name).toList());
            assertEquals(Boolean.FALSE, store.query(TODOS.select().where("id", "a").first()).orElseThrow().get("completed"));
        }
    }

    @Test
    void aSchemaChangeRebuildsIntoANewFileAndRemovesTheOldOne() throws Exception {
        try (Store store = open(Todos.schema())) {
            fill(store);
        }
        Table todos2 = Table.define("todos", Column.text("id").primaryKey(), Column.text("text").defaultValue(""),
            Column.bool("completed").defaultValue(false), Column.datetimeInteger("deletedAt").nullable(),
            Column.integer("priority").defaultValue(0));
        Schema changed = Schema.builder().table(todos2).table(UI_STATE)
            .event(CREATED, (a, ctx) -> List.of(todos2.insert(Todos.row("id", a.id(), "text", a.text()))))
            .event(COMPLETED, (a, ctx) -> List.of(todos2.update(Map.of("completed", true)).where("id", a.id())))
            .event(DELETED, (a, ctx) -> List.of(todos2.update(Map.of("deletedAt", a.deletedAt())).where("id", a.id())))
            .build();
        assertNotEquals(Todos.schema().stateHash(), changed.stateHash());
        try (Store store = open(changed)) {
            assertTrue(store.wasRebuilt());
            assertEquals(List.of(Map.of("id", "a", "priority", 0L), Map.of("id", "b", "priority", 0L), Map.of("id", "c", "priority", 0L)),
                store.query(todos2.select("id", "priority").orderBy("id")));
            assertEquals(1L, store.query(todos2.select().where("completed", true).count()));
        }
        assertEquals(Set.of("eventlog@6.db", changed.stateFileName()), DdlTest.listing(dir()), "the old state file is removed");
    }

    @Test
    void unknownEventsAreKeptAndSkipped() throws Exception {
        try (Store store = open(Todos.schema())) {
            fill(store);
            store.commit(PURGED.of(new TodoCompleted("c")));
        }
        // a schema without v1.TodoPurged, and with another table so that the state is rebuilt
        Table extra = Table.define("extra", Column.text("id").primaryKey());
        Schema older = Schema.builder().table(TODOS).table(UI_STATE).table(extra)
            .event(CREATED, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id(), "text", a.text()))))
            .event(COMPLETED, (a, ctx) -> List.of(TODOS.update(Map.of("completed", true)).where("id", a.id())))
            .event(DELETED, (a, ctx) -> List.of(TODOS.update(Map.of("deletedAt", a.deletedAt())).where("id", a.id())))
            .build();
        try (Store store = open(older)) {
            assertTrue(store.wasRebuilt());
            assertEquals(6, store.replayedEvents());
            assertEquals(7, store.events().size(), "the unknown event stays in the eventlog");
            assertEquals("v1.TodoPurged", store.events().get(6).name());
            assertEquals(3L, store.query(TODOS.select().count()), "c was not purged: its event is unknown here");
            store.commit(CREATED.of(new TodoCreated("d", "after")));
            assertEquals(new SeqNum(7, 0, 0), store.head(), "numbering goes on after the unknown event e6");
        }
    }

    record TodoCreatedV2(String id, String text, int priority) {}

    @Test
    void argumentsThatNoLongerDecodeFailTheBootWithSeqNumAndName() throws Exception {
        try (Store store = open(Todos.schema())) {
            fill(store);
        }
        EventDef<TodoCreatedV2> created2 = EventDef.synced("v1.TodoCreated", TodoCreatedV2.class);
        Table extra = Table.define("extra", Column.text("id").primaryKey());
        Schema incompatible = Schema.builder().table(TODOS).table(UI_STATE).table(extra)
            .event(created2, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id(), "text", a.text()))))
            .build();
        StoreException e = assertThrows(StoreException.class, () -> open(incompatible));
        assertTrue(e.getMessage().contains("v1.TodoCreated (e1)") && e.getMessage().contains("priority"), e.getMessage());
        // nothing was changed: the old schema still opens without a rebuild, the eventlog is intact
        try (Store store = open(Todos.schema())) {
            assertFalse(store.wasRebuilt());
            assertEquals(6, store.events().size());
        }
    }

    @Test
    void aCorruptEventlogRowFailsTheRebuildNamingTheEvent() throws Exception {
        try (Store store = open(Todos.schema())) {
            fill(store);
        }
        Path eventlog = dir().resolve("eventlog@6.db");
        DdlTest.sqlite3(eventlog, "UPDATE eventlog SET argsJson = '{not json' WHERE seqNumGlobal = 2;");
        Files.delete(dir().resolve(Todos.schema().stateFileName()));
        StoreException e = assertThrows(StoreException.class, () -> open(Todos.schema()));
        assertTrue(e.getMessage().contains("v1.TodoCreated (e2)"), e.getMessage());
        // the eventlog is untouched and a fixed row lets the store open again
        DdlTest.sqlite3(eventlog, "UPDATE eventlog SET argsJson = '{\"id\":\"b\",\"text\":\"bread\"}' WHERE seqNumGlobal = 2;");
        try (Store store = open(Todos.schema())) {
            assertTrue(store.wasRebuilt());
            assertEquals(6, store.replayedEvents());
        }
    }
}
