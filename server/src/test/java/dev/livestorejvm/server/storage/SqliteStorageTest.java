package dev.livestorejvm.server.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the embedded SQLite storage, plus what is particular to it. */
class SqliteStorageTest extends SyncStorageContract {
    @TempDir
    Path dir;

    @Override
    protected SyncStorage open() {
        return new SqliteStorage(dir);
    }

    @Test
    void aSecondServerOnTheSameDirectoryGetsAClearError() {
        storage().head("s1");
        try (SyncStorage other = open()) {
            StorageException e = assertThrows(StorageException.class, () -> other.head("s1"));
            assertTrue(e.getMessage().contains("store 's1'") && e.getMessage().contains("s-s1.sync.db"), e.getMessage());
        }
    }

    @Test
    void factoryFoundByScheme() {
        try (SyncStorage s = StorageFactory.forUrl("sqlite:" + dir.resolve("x")).open("sqlite:" + dir.resolve("x"))) {
            assertEquals(0, s.head("a").head());
        }
        assertTrue(Files.exists(dir.resolve("x").resolve("s-a.sync.db")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageFactory.forUrl("mongo://x"));
        assertTrue(e.getMessage().contains("no storage for scheme 'mongo'"), e.getMessage());
    }
}
