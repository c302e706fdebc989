package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static dev.livestorejvm.vfs.ResultCodes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.FaultInjectingVfs;
import dev.livestorejvm.vfs.FaultInjectingVfs.Op;
import dev.livestorejvm.vfs.FileVfs;
import dev.livestorejvm.vfs.OpenFlags;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Injected I/O faults surface as SQLite's codes, roll the transaction back and leave the file intact. */
class FaultInjectionTest {
    static final AtomicInteger NAMES = new AtomicInteger();
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();
    @TempDir Path dir;



    FaultInjectingVfs faulty(String[] nameOut) {
        FaultInjectingVfs vfs = new FaultInjectingVfs(new FileVfs());
        nameOut[0] = "faulty" + NAMES.incrementAndGet();
        sqlite.runtime().registerVfs(nameOut[0], vfs, false);
        return vfs;
    }

    static long count(Database db) {
        try (Statement st = db.prepare("SELECT count(*) FROM t")) {
            assertTrue(st.step());
            return st.getLong(0);
        }
    }

    static void assertIntact(Path file, long rows) {
        try (Database db = sqlite.runtime().open(file.toString())) {   // the plain file VFS: what is on disk
            try (Statement st = db.prepare("PRAGMA integrity_check")) {
                assertTrue(st.step());
                assertEquals("ok", st.getText(0));
            }
            assertEquals(rows, count(db));
        }
    }

    @ParameterizedTest(name = "{0} #{1} -> {2}")
    @CsvSource({
        "WRITE, 1, 778, delete",      // SQLITE_IOERR_WRITE on the journal
        "WRITE, 3, 778, delete",      // on the database file, after the journal was synced
        "WRITE, 1, 13, delete",       // SQLITE_FULL
        "SYNC, 1, 1034, delete",      // SQLITE_IOERR_FSYNC on the journal
        "SYNC, 3, 1034, delete",      // on the database file
        "TRUNCATE, 1, 1546, truncate" // SQLITE_IOERR_TRUNCATE when the journal is reset at commit
    })
    void failedOperationRollsBackAndLeavesTheFileIntact(Op op, int nth, int code, String journalMode) {
        String[] vfsName = new String[1];
        FaultInjectingVfs vfs = faulty(vfsName);
        Path file = dir.resolve("f.db");
        try (Database db = sqlite.runtime().open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, vfsName[0])) {
            db.exec("PRAGMA journal_mode=" + journalMode + "; CREATE TABLE t(x TEXT)");
            for (int i = 0; i < 20; i++) db.execute("INSERT INTO t VALUES (printf('%.3000c', 'a'))");
            vfs.failNth(op, nth, code);
            SqliteException e = assertThrows(SqliteException.class, () -> db.transaction(() -> {
                db.exec("DELETE FROM t WHERE rowid % 2 = 0");
                db.execute("INSERT INTO t VALUES ('new')");
            }));
            assertEquals(code, e.extendedCode(), e.getMessage());
            assertTrue(db.autocommit(), "the transaction is over");
            assertEquals(20, count(db), "and rolled back");
            db.execute("INSERT INTO t VALUES ('after')");   // the connection recovers
        }
        assertIntact(file, 21);
    }

    @Test
    void failedReadIsReportedAndLeavesTheFileIntact() {
        String[] vfsName = new String[1];
        FaultInjectingVfs vfs = faulty(vfsName);
        Path file = dir.resolve("r.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2)");
        }
        try (Database db = sqlite.runtime().open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, vfsName[0])) {
            vfs.failNth(Op.READ, 1, SQLITE_IOERR_READ);
            SqliteException e = assertThrows(SqliteException.class, () -> count(db));
            assertEquals(SQLITE_IOERR_READ, e.extendedCode(), e.getMessage());
            assertEquals(2, count(db));
        }
        assertIntact(file, 2);
    }

    @Test
    void tornWriteThenPowerLossIsRepairedFromTheJournal() {
        for (int keep : new int[] {0, 100, 512, 4000}) {
            String[] vfsName = new String[1];
            FaultInjectingVfs vfs = faulty(vfsName);
            Path file = dir.resolve("torn" + keep + ".db");
            try (Database db = sqlite.runtime().open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, vfsName[0])) {
                db.exec("CREATE TABLE t(x TEXT)");
                for (int i = 0; i < 10; i++) db.execute("INSERT INTO t VALUES (printf('%.2000c', 'a'))");
                // journal header, journal pages, then the database pages: tear the first database page write
                vfs.tearNthWrite(4, keep);
                assertThrows(SqliteException.class, () -> db.exec("UPDATE t SET x = printf('%.2000c', 'b')"));
                assertTrue(vfs.crashed());
            }
            assertIntact(file, 10);
        }
    }

    @Test
    void powerLossAtRandomPointsKeepsEveryAcknowledgedCommit() {
        Random random = new Random(42);
        Path file = dir.resolve("p.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("CREATE TABLE t(n INTEGER PRIMARY KEY, pad TEXT)");
        }
        long acknowledged = 0;
        for (int round = 0; round < 40; round++) {
            String[] vfsName = new String[1];
            FaultInjectingVfs vfs = faulty(vfsName);
            Op op = random.nextBoolean() ? Op.WRITE : Op.SYNC;
            vfs.crashAtNth(op, 1 + random.nextInt(op == Op.WRITE ? 30 : 8), random);
            try (Database db = sqlite.runtime().open(file.toString(), SqliteRuntime.DEFAULT_OPEN_FLAGS, vfsName[0])) {
                db.exec(round % 2 == 0 ? "PRAGMA journal_mode=DELETE" : "PRAGMA journal_mode=TRUNCATE");
                while (true) {
                    long n = acknowledged + 1;
                    db.execute("INSERT INTO t VALUES (?, printf('%.*c', ?, 'x'))", n, (int) (n * 37 % 3000));
                    acknowledged = n;
                }
            } catch (SqliteException expected) {
                assertTrue(vfs.crashed(), expected.getMessage());
            }
            try (Database db = sqlite.runtime().open(file.toString())) {
                try (Statement st = db.prepare("PRAGMA integrity_check")) {
                    st.step();
                    assertEquals("ok", st.getText(0), "round " + round);
                }
                try (Statement st = db.prepare("SELECT count(*), coalesce(max(n), 0) FROM t")) {
                    st.step();
                    long rows = st.getLong(0), max = st.getLong(1);
                    assertEquals(rows, max, "no gaps");
                    assertTrue(max >= acknowledged && max <= acknowledged + 1, "round " + round + ": " + max + " vs " + acknowledged);
                    acknowledged = max;
                }
            }
        }
        assertTrue(acknowledged >= 20, "commits between crashes: " + acknowledged);
    }

    @Test
    void readOnlyOpenRefusesWritesAndChangesNothing() throws Exception {
        Path file = dir.resolve("ro.db");
        try (Database db = sqlite.runtime().open(file.toString())) {
            db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        }
        byte[] before = java.nio.file.Files.readAllBytes(file);
        try (Database db = sqlite.runtime().open(file.toString(), OpenFlags.READONLY)) {
            SqliteException e = assertThrows(SqliteException.class, () -> db.execute("INSERT INTO t VALUES (2)"));
            assertEquals(SQLITE_READONLY, e.resultCode());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        assertArrayEquals(before, java.nio.file.Files.readAllBytes(file));
    }
}
