package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client documents with a value type, a declared default id and partialSet, as LiveStore's clientDocument. */
class ClientDocumentTest {
    record UiState(String newTodoText, String filter, Optional<Integer> page) {}

    static final Table UI = Table.clientDocument("uiState", UiState.class, new UiState("", "all", Optional.empty()))
        .withDefaultDocumentId("main");
    static final Table FULL = Table.clientDocument("fullState", UiState.class, new UiState("", "all", Optional.empty()))
        .withPartialSet(false);

    static Store open() {
        Schema schema = Schema.builder().table(UI).table(FULL).build();
        return Store.open(StoreOptions.builder(schema).clientId("c1").sessionId("s1").inMemory().build());
    }

    static Object value(Store store, Table t, String id) {
        return store.query(t.select().where("id", id).first()).orElseThrow().get("value");
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void setWithoutAnIdUsesTheDeclaredDefaultId() {
        assertEquals("main", UI.documentDefaultId());
        assertEquals(Table.DEFAULT_DOCUMENT_ID, Table.clientDocument("x", Map.of()).documentDefaultId());
        try (Store store = open()) {
            store.commit(UI.set(map("newTodoText", "hi")));
            assertEquals(map("newTodoText", "hi", "filter", "all"), value(store, UI, "main"));
            store.commit(UI.set(new UiState("typed", "done", Optional.of(2))));
            assertEquals(map("newTodoText", "typed", "filter", "done", "page", 2), value(store, UI, "main"));
            store.commit(UI.set("other", map("page", 1)));
            assertEquals(map("newTodoText", "", "filter", "all", "page", 1), value(store, UI, "other"));
        }
    }

    @Test
    void aValueThatDoesNotFitTheTypeIsRefusedAndNothingIsWritten() {
        try (Store store = open()) {
            for (Object bad : List.of(map("filter", 3), map("colour", "red"), map("filter", null), "plain", List.of(1))) {
                StoreException e = assertThrows(StoreException.class, () -> store.commit(UI.set(bad)), "value " + bad);
                assertTrue(e.getMessage().contains("client document uiState takes UiState"), e.getMessage());
            }
            // the same check when the event arrives as JSON (another session, a script, sync)
            StoreException e = assertThrows(StoreException.class,
                () -> store.commit(Event.ofJson("uiStateSet", "{\"id\":\"main\",\"value\":{\"filter\":false}}")));
            assertTrue(e.getMessage().contains("uiState"), e.getMessage());
            assertTrue(store.query(UI.select().where("id", "main").first()).isEmpty(), "nothing written");
        }
    }

    @Test
    void withoutPartialSetEverySetReplacesAndMustBeComplete() {
        try (Store store = open()) {
            assertThrows(StoreException.class, () -> store.commit(FULL.set(map("filter", "done"))), "a partial value");
            store.commit(FULL.set(map("newTodoText", "a", "filter", "b")));
            assertEquals(map("newTodoText", "a", "filter", "b"), value(store, FULL, Table.DEFAULT_DOCUMENT_ID));
            store.commit(FULL.set(new UiState("c", "d", Optional.of(1))));
            assertEquals(map("newTodoText", "c", "filter", "d", "page", 1), value(store, FULL, Table.DEFAULT_DOCUMENT_ID));
        }
    }

    @Test
    void aDefaultOfTheWrongTypeIsADefinitionError() {
        assertThrows(IllegalArgumentException.class, () -> Table.clientDocument("x", UiState.class, null).withDefaultDocumentId(""));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> raw = (Class) UiState.class;
        assertThrows(IllegalArgumentException.class, () -> Table.clientDocument("x", raw, "not a UiState"));
    }

    @Test
    void theSessionIdDefaultGivesEachSessionItsOwnDocument(@org.junit.jupiter.api.io.TempDir java.nio.file.Path base) {
        Table perSession = Table.clientDocument("uiState", UiState.class, new UiState("", "all", Optional.empty()))
            .withDefaultDocumentId(Table.SESSION_ID);
        Schema schema = Schema.builder().table(perSession).build();
        StoreOptions.Builder b = StoreOptions.builder(schema).directory(base).storeId("docs").clientId("c1");
        try (Store s1 = Store.open(b.sessionId("s1").build()); Store s2 = Store.open(b.sessionId("s2").build())) {
            assertEquals(Table.SESSION_ID, perSession.documentDefaultId());
            s1.commit(perSession.set(map("newTodoText", "one")));
            s2.commit(perSession.set(map("newTodoText", "two")));
            s2.commit(Event.ofJson("uiStateSet", "{\"id\":\"" + Table.SESSION_ID + "\",\"value\":{\"filter\":\"done\"}}"));
            s1.flush();
            assertEquals(map("newTodoText", "one", "filter", "all"), value(s1, perSession, "s1"));
            assertEquals(map("newTodoText", "two", "filter", "done"), value(s1, perSession, "s2"), "s1 sees s2's document under s2's id");
            // a query's bind value SESSION_ID is the querying session's id
            Query<Optional<Map<String, Object>>> mine = perSession.select().where("id", Table.SESSION_ID).first();
            assertEquals(map("newTodoText", "one", "filter", "all"), s1.query(mine).orElseThrow().get("value"));
            assertEquals(map("newTodoText", "two", "filter", "done"), s2.query(mine).orElseThrow().get("value"));
            List<Object> seen = new java.util.ArrayList<>();
            try (Subscription sub = s2.subscribe(mine, r -> seen.add(r.orElseThrow().get("value")))) {
                s2.commit(perSession.set(map("page", 3)));
                assertEquals(map("newTodoText", "two", "filter", "done", "page", 3), seen.get(seen.size() - 1));
            }
            // the eventlog holds the sessions' ids, as LiveStore's does after replaceSessionIdSymbol
            List<String> ids = s1.events().stream().map(e -> e.sessionId() + ":" + e.argsJson().replaceAll(".*\"id\":\"([^\"]*)\".*", "$1")).toList();
            assertEquals(List.of("s1:s1", "s2:s2", "s2:s2", "s2:s2"), ids);
            // and an explicit id is kept
            s1.commit(perSession.set("shared", map("filter", "x")));
            assertEquals(map("newTodoText", "", "filter", "x"), value(s1, perSession, "shared"));
        }
    }
}
