package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, items 4 and 5: the state database is derived data (rebuilt from the eventlog when it is
 * broken), the eventlog is primary data (a state without it is refused, never renumbered over).
 */
class DerivedStateTest {
    @TempDir
    Path base;

    Store open() {
        return Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("todo").build());
    }

    Path dir() {
        return base.resolve("todo");
    }

    Path state() {
        return dir().resolve(Todos.schema().stateFileName());
    }

    List<Map<String, Object>> filled() {
        try (Store store = open()) {
            store.commit(CREATED.of(new TodoCreated("a", "milk")), CREATED.of(new TodoCreated("b", "bread")));
            store.commit(COMPLETED.of(new TodoCompleted("a")));
            return store.query(TODOS.select().orderBy("id"));
        }
    }

    void reopenRebuilds(List<Map<String, Object>> rows) throws Exception {
        try (Store store = open()) {
            assertTrue(store.wasRebuilt(), "the state was rebuilt");
            assertEquals(3, store.replayedEvents());
            assertEquals(rows, store.query(TODOS.select().orderBy("id")));
        }
        try (Stream<Path> files = Files.list(dir())) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().contains(".broken-")).count(),
                "the broken file is kept beside, for inspection");
        }
        try (Store store = open()) {
            assertFalse(store.wasRebuilt(), "the rebuilt state is used as it is next time");
        }
    }

    @Test
    void aStateWithAGarbageHeaderIsSetAsideAndRebuilt() throws Exception {
        List<Map<String, Object>> rows = filled();
        try (RandomAccessFile f = new RandomAccessFile(state().toFile(), "rw")) {
            f.write("this is not a database, not at all".getBytes(StandardCharsets.US_ASCII));
        }
        reopenRebuilds(rows);   // before: Store.open failed with SQLITE_NOTADB
    }

    @Test
    void aTruncatedStateIsSetAsideAndRebuilt() throws Exception {
        List<Map<String, Object>> rows = filled();
        try (RandomAccessFile f = new RandomAccessFile(state().toFile(), "rw")) {
            f.setLength(f.length() / 2 + 100);
        }
        reopenRebuilds(rows);   // before: Store.open failed with SQLITE_CORRUPT
    }

    @Test
    void aStateWithoutItsEventlogIsRefusedNamingBothFiles() throws Exception {
        filled();
        Files.delete(dir().resolve(StoreFiles.EVENTLOG_FILE));
        // before: the store started at e0 over the old rows and renumbered new events from e1
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains(StoreFiles.EVENTLOG_FILE), e.getMessage());
        assertTrue(e.getMessage().contains(Todos.schema().stateFileName()), e.getMessage());
        assertTrue(Files.exists(state()), "the state is left as it was");
        assertFalse(Files.exists(dir().resolve(StoreFiles.EVENTLOG_FILE)), "no new eventlog was made");
        // the explicit reset: remove the state, as the message says; the store starts empty
        Files.delete(state());
        try (Store store = open()) {
            assertEquals(List.of(), store.query(TODOS.select()));
        }
    }
}
