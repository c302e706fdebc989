package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.CREATED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livestorejvm.sqlite.SqliteRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eventlog rows inserted several per statement make the very file that one insert per row makes. */
class EventlogInsertTest {
    @TempDir
    Path base;

    static List<StoredEvent> events(int n) {
        List<StoredEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new StoredEvent(new SeqNum(i + 1, 0, i % 3 == 0 ? 1 : 0), new SeqNum(i, 0, 0), CREATED.name(),
                "{\"id\":\"e" + i + "\",\"text\":\"" + "x".repeat(i * 7 % 300) + "\"}", i % 2 == 0 ? "a" : "b", "s" + (i % 5),
                CREATED.schemaHash(), i % 4 == 0 ? UpstreamApplyTest.META : StoredEvent.NO_SYNC_METADATA));
        }
        return out;
    }

    /** Writes {@code events} into a new store's eventlog in one transaction, {@code together} at a time; the file's bytes. */
    byte[] eventlogFile(String dir, List<StoredEvent> events, int together) throws IOException {
        StoreOptions o = StoreOptions.builder(Todos.schema()).directory(base.resolve(dir)).clientId("me").sessionId("s").build();
        try (SqliteRuntime runtime = SqliteRuntime.create()) {
            Boot.Opened opened = Boot.open(runtime, o);
            try {
                opened.sql().transaction("BEGIN IMMEDIATE", () -> {
                    for (int i = 0; i < events.size(); i += together) {
                        opened.eventlog().insertAll(events.subList(i, Math.min(events.size(), i + together)));
                    }
                    return null;
                });
                assertEquals(events, opened.eventlog().all());
            } finally {
                opened.sql().close();
                opened.db().close();
            }
        }
        return Files.readAllBytes(o.storeDirectory().resolve(StoreFiles.EVENTLOG_FILE));
    }

    @Test
    void severalRowsPerStatementWriteTheSameFileAsOnePerStatement() throws IOException {
        List<StoredEvent> events = events(32 + 2 * 8 + 7 + 100);   // every statement size, and past a page
        byte[] onePerStatement = eventlogFile("single", events, 1);
        assertArrayEquals(onePerStatement, eventlogFile("all", events, events.size()));
        assertArrayEquals(onePerStatement, eventlogFile("some", events, 13));
    }
}
