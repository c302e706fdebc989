package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Databases on real files through the default VFS: persistence, journal modes, WAL, temp files. */
class FileDatabaseTest {
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();
    @TempDir Path dir;



    static long count(Database db, String table) {
        try (Statement st = db.prepare("SELECT count(*) FROM " + table)) {
            assertTrue(st.step());
            return st.getLong(0);
        }
    }

    static String text(Database db, String sql) {
        try (Statement st = db.prepare(sql)) {
            assertTrue(st.step());
            return st.getText(0);
        }
    }

    @Test
    void fileNamesAreRealFilesThatOutliveTheRuntime() throws Exception {
        Path file = dir.resolve("a.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('one'), ('two')");
            assertEquals(file.toRealPath().toString(), db.filename());
        }
        byte[] header = Files.readAllBytes(file);
        assertEquals("SQLite format 3\0", new String(header, 0, 16, java.nio.charset.StandardCharsets.US_ASCII));
        try (SqliteRuntime other = SqliteRuntime.create(); Database db = other.open(file.toString())) {
            assertEquals(2, count(db, "t"));
            assertEquals("ok", text(db, "PRAGMA integrity_check"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "truncate", "persist", "memory", "off"})
    void journalModesCommitAndRollBack(String mode) throws Exception {
        Path file = dir.resolve(mode + ".db");
        Path journal = dir.resolve(mode + ".db-journal");
        try (Database db = sqlite.runtime().open(file.toString())) {
            assertEquals(mode, text(db, "PRAGMA journal_mode=" + mode));
            db.exec("CREATE TABLE t(x INTEGER)");
            db.exec("BEGIN; INSERT INTO t VALUES (1), (2); COMMIT");
            if (!mode.equals("off")) {
                db.exec("BEGIN; INSERT INTO t VALUES (3); DELETE FROM t WHERE x = 1; ROLLBACK");
            }
            assertEquals(2, count(db, "t"));
            switch (mode) {
                case "delete": case "memory": case "off": assertFalse(Files.exists(journal), mode); break;
                case "truncate": assertEquals(0, Files.size(journal)); break;
                case "persist": assertTrue(Files.size(journal) > 0); break;
                default: fail(mode);
            }
        }
        try (Database db = sqlite.runtime().open(file.toString())) {
            assertEquals(2, count(db, "t"));
            assertEquals("ok", text(db, "PRAGMA integrity_check"));
        }
    }

    @Test
    void walIsRefusedWithoutExclusiveLockingBecauseTheVfsHasNoSharedMemory() {
        try (Database db = sqlite.runtime().open(dir.resolve("w.db").toString())) {
            db.exec("CREATE TABLE t(x)");
            assertEquals("delete", text(db, "PRAGMA journal_mode=WAL"));
            assertFalse(Files.exists(dir.resolve("w.db-wal")));
        }
    }

    @Test
    void walWorksUnderExclusiveLockingMode() throws Exception {
        Path file = dir.resolve("w.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            assertEquals("exclusive", text(db, "PRAGMA locking_mode=EXCLUSIVE"));
            assertEquals("wal", text(db, "PRAGMA journal_mode=WAL"));
            db.exec("CREATE TABLE t(x)");
            for (int i = 0; i < 50; i++) db.execute("INSERT INTO t VALUES (?)", i);
            assertTrue(Files.size(dir.resolve("w.db-wal")) > 0, "commits go to the WAL");
            db.exec("BEGIN; DELETE FROM t; ROLLBACK");
            assertEquals(50, count(db, "t"));
        }
        assertFalse(Files.exists(dir.resolve("w.db-wal")), "the last connection checkpoints and deletes the WAL");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("PRAGMA locking_mode=EXCLUSIVE");
            assertEquals("wal", text(db, "PRAGMA journal_mode"));
            assertEquals(50, count(db, "t"));
            assertEquals("ok", text(db, "PRAGMA integrity_check"));
        }
    }

    @Test
    void tempFilesAndLargeSortsUseTheDefaultVfs() {
        try (Database db = sqlite.runtime().open(dir.resolve("s.db").toString())) {
            db.exec("PRAGMA cache_size=8; CREATE TEMP TABLE big(x INTEGER, pad TEXT)");
            db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                + "INSERT INTO big SELECT (i * 7919) % 20011, printf('%.200c', 'x') FROM n");
            try (Statement st = db.prepare("SELECT x FROM big ORDER BY x DESC, pad")) {
                long prev = Long.MAX_VALUE;
                int rows = 0;
                while (st.step()) {
                    long x = st.getLong(0);
                    assertTrue(x <= prev);
                    prev = x;
                    rows++;
                }
                assertEquals(20000, rows);
            }
        }
    }

    @Test
    void connectionsOfTwoRuntimesExcludeEachOtherAndBusyTimeoutWaits() throws Exception {
        Path file = dir.resolve("two.db");
        try (SqliteRuntime other = SqliteRuntime.create();
             Database a = sqlite.runtime().open(file.toString()); Database b = other.open(file.toString())) {
            a.exec("CREATE TABLE t(x)");
            a.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES ('a')");
            SqliteException busy = assertThrows(SqliteException.class, () -> b.execute("INSERT INTO t VALUES ('b')"));
            assertEquals(dev.livestorejvm.vfs.ResultCodes.SQLITE_BUSY, busy.resultCode());
            b.busyTimeout(20_000);
            var write = java.util.concurrent.CompletableFuture.supplyAsync(() -> b.execute("INSERT INTO t VALUES ('b')"));
            Thread.sleep(300);
            assertFalse(write.isDone(), "b waits for a's transaction");
            a.exec("COMMIT");
            assertEquals(1, write.get(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(2, count(a, "t"));
        }
    }

    @Test
    void memoryVfsByUriAndMemoryNameLeaveNoFile() throws Exception {
        Path cwdFile = Path.of("mem-only.db");
        try (Database db = sqlite.runtime().open("file:mem-only.db?vfs=memory"); Database mem = sqlite.runtime().open(":memory:")) {
            db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
            mem.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
            assertEquals(1, count(db, "t"));
            assertTrue(sqlite.runtime().memoryVfs().fileNames().contains("mem-only.db"), sqlite.runtime().memoryVfs().fileNames().toString());
        }
        assertFalse(Files.exists(cwdFile));
        assertEquals(List.of(), List.copyOf(sqlite.runtime().memoryVfs().fileNames()).stream().filter(n -> n.endsWith("-journal")).toList());
    }
}
