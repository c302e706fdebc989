package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 2 in a store: a deep query used to stop the runtime shared by the directory's
 * sessions (StackOverflowError); close() then threw and the directory stayed locked until the JVM
 * exited. Now it gives V8's result, or a clean error past the engine's limit, and the store goes on.
 */
class DeepQueryTest {
    @TempDir
    Path base;

    Store open() {
        return Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("deep").build());
    }

    @Test
    void deepQueriesDoNotStopTheStore() {
        try (Store store = open()) {
            store.commit(CREATED.of(new TodoCreated("a", "milk")));
            assertEquals(List.of(Map.of("n", 3000L)), store.query(Query.sql("SELECT 1" + "+1".repeat(2999) + " AS n")));
            RuntimeException e = assertThrows(RuntimeException.class,
                () -> store.query(Query.sql("SELECT 1" + "+1".repeat(4499) + " AS n")));
            assertTrue(messages(e).contains("Expression tree is too large"), messages(e));
            store.commit(CREATED.of(new TodoCreated("b", "bread")));
            assertEquals(2, store.query(TODOS.select()).size());
        }
        try (Store store = open()) {
            assertEquals(2, store.query(TODOS.select()).size(), "the directory opens again in the same JVM");
        }
    }

    private static String messages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (; t != null; t = t.getCause()) s.append(t.getMessage()).append(" | ");
        return s.toString();
    }
}
