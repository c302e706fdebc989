package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 6: event arguments given as JSON are strict, as documented. Before, text after the
 * JSON value was ignored and a duplicate key silently took the last value.
 */
class StrictArgsTest {
    Store open() {
        return Store.open(StoreOptions.builder(Todos.schema()).inMemory().build());
    }

    @Test
    void trailingTextAndDuplicateKeysAreRefusedAndNothingIsWritten() {
        try (Store store = open()) {
            StoreException e = assertThrows(StoreException.class,
                () -> store.commit(Event.ofJson("v1.TodoCreated", "{\"id\":\"a\",\"text\":\"t\"} trailing")));
            assertTrue(e.getMessage().contains("v1.TodoCreated"), e.getMessage());
            e = assertThrows(StoreException.class,
                () -> store.commit(Event.ofJson("v1.TodoCreated", "{\"id\":\"a\",\"text\":\"t\"}{\"id\":\"b\"}")));
            assertTrue(e.getMessage().contains("v1.TodoCreated"), e.getMessage());
            e = assertThrows(StoreException.class,
                () -> store.commit(Event.ofJson("v1.TodoCreated", "{\"id\":\"a\",\"text\":\"t\",\"id\":\"b\"}")));
            assertTrue(e.getMessage().contains("id"), e.getMessage());
            assertEquals(List.of(), store.query(Todos.TODOS.select()));
            store.commit(Event.ofJson("v1.TodoCreated", " {\"id\":\"a\",\"text\":\"t\"} \n"));   // whitespace is fine
            assertEquals(1, store.query(Todos.TODOS.select()).size());
        }
    }
}
