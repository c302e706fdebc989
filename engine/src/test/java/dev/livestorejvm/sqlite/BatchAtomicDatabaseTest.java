package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch-atomic VFS: SQLite commits through BEGIN/COMMIT_ATOMIC_WRITE and the redo log, not a rollback journal. */
class BatchAtomicDatabaseTest {
    static final int LOG_HEADER = 40;

    /** The applied length in the redo log's header: back to the header's size once the log is emptied. */
    static long applied(Path log) throws java.io.IOException {
        return java.nio.ByteBuffer.wrap(Files.readAllBytes(log)).getLong(8);
    }
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();
    @TempDir Path dir;



    Database open(Path file) {
        return sqlite.runtime().open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, SqliteRuntime.FILE_BATCH_ATOMIC_VFS);
    }

    static long count(Database db) {
        try (Statement st = db.prepare("SELECT count(*) FROM t")) {
            assertTrue(st.step());
            return st.getLong(0);
        }
    }

    @Test
    void smallCommitsGoThroughTheRedoLogAndNeverCreateAJournal() throws Exception {
        Path file = dir.resolve("b.db");
        Path log = dir.resolve("b.db-batch");
        try (Database db = open(file)) {
            db.exec("CREATE TABLE t(n INTEGER PRIMARY KEY, s TEXT)");
            long before = Files.exists(log) ? applied(log) : 0;
            for (int i = 0; i < 30; i++) {
                db.execute("INSERT INTO t(s) VALUES (?)", "row " + i);
                assertFalse(Files.exists(dir.resolve("b.db-journal")));
            }
            assertTrue(applied(log) > before + 30 * 4096, "each commit appended its pages: " + applied(log));
            db.exec("BEGIN; DELETE FROM t; ROLLBACK");
            assertEquals(30, count(db));
        }
        try (Database db = sqlite.runtime().open(file.toString())) {   // the plain file VFS sees the same data
            assertEquals(30, count(db));
            try (Statement st = db.prepare("PRAGMA integrity_check")) {
                st.step();
                assertEquals("ok", st.getText(0));
            }
            db.execute("INSERT INTO t(s) VALUES ('plain')");   // a direct write empties the log first
        }
        assertEquals(LOG_HEADER, applied(log), "emptied (the file keeps its blocks for the next generation)");
    }

    @Test
    void aTransactionLargerThanTheCacheFallsBackToTheRollbackJournal() throws Exception {
        Path file = dir.resolve("big.db");
        try (Database db = open(file)) {
            db.exec("CREATE TABLE t(n INTEGER PRIMARY KEY, s TEXT); INSERT INTO t(s) VALUES ('first')");
            db.exec("PRAGMA cache_size=10");
            db.transaction(() -> {
                for (int i = 0; i < 2000; i++) db.execute("INSERT INTO t(s) VALUES (printf('%.500c', 'z'))");
            });
            assertEquals(2001, count(db));
            db.execute("INSERT INTO t(s) VALUES ('small again')");
            assertEquals(2002, count(db));
        }
        try (Database db = sqlite.runtime().open(file.toString())) {
            try (Statement st = db.prepare("PRAGMA integrity_check")) {
                st.step();
                assertEquals("ok", st.getText(0));
            }
            assertEquals(2002, count(db));
        }
    }
}
