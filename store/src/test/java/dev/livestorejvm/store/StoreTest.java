package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreTest {
    @TempDir
    Path base;

    Store open(boolean inMemory) {
        StoreOptions.Builder b = StoreOptions.builder(Todos.schema()).clientId("c1").sessionId("s1");
        return Store.open((inMemory ? b.inMemory() : b.directory(base)).build());
    }

    static Event created(String id, String text) {
        return CREATED.of(new TodoCreated(id, text));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void commitsAndQueriesTypedRows(boolean inMemory) {
        try (Store store = open(inMemory)) {
            store.commit(created("a", "milk"), created("b", "bread"));
            store.commit(COMPLETED.of(new TodoCompleted("a")));
            store.commit(DELETED.of(new TodoDeleted("b", Instant.ofEpochMilli(1700000000000L))));
            assertEquals(List.of(new Todo("a", "milk", true, null)), store.query(visible().as(Todo.class)));
            assertEquals(2L, store.query(TODOS.select().count()));
            assertEquals(1L, store.query(TODOS.select().where("completed", true).count()));
            Optional<Todo> b = store.query(TODOS.select().where("id", "b").first(Todo.class));
            assertEquals(Instant.ofEpochMilli(1700000000000L), b.orElseThrow().deletedAt());
            assertEquals(Optional.empty(), store.query(TODOS.select().where("id", "zz").first()));
            Map<String, Object> row = store.query(TODOS.select().where("id", "a").first()).orElseThrow();
            assertEquals(Boolean.TRUE, row.get("completed"), "boolean columns decode to Boolean");
            assertEquals(List.of(Map.of("n", 2L)), store.query(Query.sql("SELECT count(*) AS n FROM todos")));
            assertEquals(new SeqNum(4, 0, 0), store.head());
        }
    }

    @Test
    void numbersClientOnlyEventsOffTheLastGlobalEvent() {
        try (Store store = open(true)) {
            assertEquals(List.of(new SeqNum(1, 0, 0), new SeqNum(2, 0, 0)), store.commit(created("a", "x"), created("b", "y")));
            assertEquals(List.of(new SeqNum(2, 1, 0), new SeqNum(2, 2, 0)),
                store.commit(UI_STATE.set(Map.of("newTodoText", "h")), UI_STATE.set(Map.of("newTodoText", "hi"))));
            assertEquals(List.of(new SeqNum(3, 0, 0)), store.commit(created("c", "z")));
            List<StoredEvent> log = store.events();
            assertEquals(5, log.size());
            assertEquals(new SeqNum(2, 0, 0), log.get(2).parentSeqNum(), "a client-only event hangs off the head");
            assertEquals(new SeqNum(2, 1, 0), log.get(3).parentSeqNum());
            assertEquals(new SeqNum(2, 0, 0), log.get(4).parentSeqNum(), "a synced event points to client 0");
            assertEquals("uiStateSet", log.get(3).name());
            assertEquals("{\"id\":\"default\",\"value\":{\"newTodoText\":\"hi\"}}", log.get(3).argsJson());
            assertEquals("c1", log.get(0).clientId());
            assertEquals("s1", log.get(0).sessionId());
            assertEquals(StoredEvent.NO_SYNC_METADATA, log.get(0).syncMetadataJson());
            assertEquals(CREATED.schemaHash(), log.get(0).schemaHash());
            assertEquals("e2.1", new SeqNum(2, 1, 0).toString());
            assertEquals("e4r1", new SeqNum(4, 0, 1).toString());
        }
    }

    @Test
    void clientDocumentsMergeIntoTheirDefault() {
        try (Store store = open(true)) {
            Query<Optional<Map<String, Object>>> doc = UI_STATE.select().where("id", Table.DEFAULT_DOCUMENT_ID).first();
            assertEquals(Optional.empty(), store.query(doc));
            store.commit(UI_STATE.set(Map.of("newTodoText", "hi")));
            assertEquals(Map.of("newTodoText", "hi", "filter", "all"), store.query(doc).orElseThrow().get("value"));
            store.commit(UI_STATE.set(Map.of("filter", "completed")));
            assertEquals(Map.of("newTodoText", "hi", "filter", "completed"), store.query(doc).orElseThrow().get("value"));
            store.commit(UI_STATE.set("other", "plain"));
            assertEquals("plain", store.query(UI_STATE.select().where("id", "other").first()).orElseThrow().get("value"));
            assertTrue(UI_STATE.setEvent().isClientOnly());
        }
    }

    @Test
    void subscriptionsFireOnceAtStartThenOnlyWhenTheResultChanges() {
        try (Store store = open(true)) {
            List<Integer> sizes = new ArrayList<>();
            Subscription sub = store.subscribe(visible().as(Todo.class), rows -> sizes.add(rows.size()));
            assertEquals(List.of(0), sizes);
            store.commit(created("a", "x"));
            assertEquals(List.of(0, 1), sizes);
            store.commit(UI_STATE.set(Map.of("newTodoText", "h")));
            assertEquals(List.of(0, 1), sizes, "a commit to another table does not re-run the query");
            store.commit(COMPLETED.of(new TodoCompleted("a")));
            assertEquals(3, sizes.size(), "completed changed the rows");
            store.commit(COMPLETED.of(new TodoCompleted("a")));
            assertEquals(3, sizes.size(), "same rows, no callback");
            store.commit(created("b", "y"), created("c", "z"));
            assertEquals(List.of(0, 1, 1, 3), sizes, "one callback per commit, after it");
            sub.close();
            assertFalse(sub.isActive());
            store.commit(created("d", "w"));
            assertEquals(4, sizes.size(), "no callback after unsubscribe");
        }
    }

    @Test
    void rawSqlSubscriptionsReadTheirTablesFromSqlite() {
        try (Store store = open(true)) {
            List<Object> counts = new ArrayList<>();
            Subscription sub = store.subscribe(Query.sql("SELECT count(*) AS n FROM todos WHERE completed = ?", 0),
                rows -> counts.add(rows.get(0).get("n")));
            assertEquals(Set.of("todos"), sub.tables());
            store.commit(created("a", "x"));
            store.commit(UI_STATE.set(Map.of("filter", "all")));
            assertEquals(List.of(0L, 1L), counts);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void rollbackRestoresTheStateBeforeTheRolledBackEvents(boolean inMemory) {
        try (Store store = open(inMemory)) {
            store.commit(created("a", "x"), created("b", "y"), UI_STATE.set(Map.of("filter", "active")));
            Query<List<Map<String, Object>>> all = TODOS.select().orderBy("id");
            Query<List<Map<String, Object>>> docs = UI_STATE.select().orderBy("id");
            List<Map<String, Object>> todosBefore = store.query(all);
            List<Map<String, Object>> docsBefore = store.query(docs);
            SeqNum headBefore = store.head();
            List<Integer> seen = new ArrayList<>();
            store.subscribe(all, rows -> seen.add(rows.size()));

            store.commit(created("c", "z"), COMPLETED.of(new TodoCompleted("a")), DELETED.of(new TodoDeleted("b", Instant.now())));
            store.commit(UI_STATE.set(Map.of("filter", "completed")));
            store.commit(PURGED.of(new TodoCompleted("c")));
            List<StoredEvent> undone = store.rollback(5);
            assertEquals(List.of("v1.TodoPurged", "uiStateSet", "v1.TodoDeleted", "v1.TodoCompleted", "v1.TodoCreated"),
                undone.stream().map(StoredEvent::name).toList(), "newest first");
            assertEquals(todosBefore, store.query(all));
            assertEquals(docsBefore, store.query(docs));
            assertEquals(headBefore, store.head());
            assertEquals(3, store.events().size());
            assertEquals(3L, store.query(Query.sql("SELECT count(*) AS n FROM __livestore_session_changeset")).get(0).get("n"));
            assertEquals(2, seen.get(seen.size() - 1), "subscribers see the rolled-back state");

            store.rollback(100);
            assertEquals(List.of(), store.query(all));
            assertEquals(List.of(), store.query(docs));
            assertEquals(SeqNum.ROOT, store.head());
            // numbering goes on from the new head
            assertEquals(List.of(new SeqNum(1, 0, 0)), store.commit(created("a", "again")));
        }
    }


    record Numbered(String id) {}

    @Test
    void materializersReadTheStateTheirEventFinds() {
        EventDef<Numbered> numbered = EventDef.synced("v1.Numbered", Numbered.class);
        Schema schema = Schema.builder().table(TODOS)
            .event(numbered, (a, ctx) -> {
                long n = ctx.query(TODOS.select().count());
                return List.of(TODOS.insert(Todos.row("id", a.id(), "text", "#" + (n + 1) + " at " + ctx.seqNum())));
            })
            .build();
        try (Store store = Store.open(StoreOptions.builder(schema).inMemory().build())) {
            store.commit(numbered.of(new Numbered("a")), numbered.of(new Numbered("b")));
            store.commit(numbered.of(new Numbered("c")));
            assertEquals(List.of("#1 at e1", "#2 at e2", "#3 at e3"),
                store.query(TODOS.select("text").orderBy("id")).stream().map(r -> r.get("text")).toList());
        }
    }

    @Test
    void aFailedSubscribeRegistersNothing() {
        try (Store store = open(true)) {
            Table other = Table.define("other", Column.text("id").primaryKey());
            assertThrows(StoreException.class, () -> store.subscribe(other.select(), r -> fail("no callback")));
            store.commit(created("a", "x"));
        }
    }
}
