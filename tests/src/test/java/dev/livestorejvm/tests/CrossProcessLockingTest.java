package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import dev.livestorejvm.sqlite.ResultCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks between this engine and other processes: the native sqlite3 tool and another JVM. */
class CrossProcessLockingTest {
    static SqliteRuntime runtime;
    @TempDir Path dir;

    @BeforeAll
    static void start() {
        runtime = SqliteRuntime.create();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static long count(Database db) {
        try (Statement st = db.prepare("SELECT count(*) FROM t")) {
            st.step();
            return st.getLong(0);
        }
    }

    @Test
    void cliWriteTransactionMakesTheEngineBusyUntilItCommits() throws Exception {
        Path file = dir.resolve("a.db");
        assertEquals(0, NativeSqlite.run(file, "CREATE TABLE t(x)").exit());
        try (NativeSqlite.Session cli = new NativeSqlite.Session(file); Database db = runtime.open(file.toString())) {
            assertEquals("", cli.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES ('cli');"));
            SqliteException busy = assertThrows(SqliteException.class, () -> db.execute("INSERT INTO t VALUES ('engine')"));
            assertEquals(ResultCode.SQLITE_BUSY, busy.resultCode(), busy.getMessage());
            assertEquals(0, count(db), "the CLI's uncommitted row is invisible");

            db.busyTimeout(20_000);
            CompletableFuture<Long> write = CompletableFuture.supplyAsync(() -> db.execute("INSERT INTO t VALUES ('engine')"));
            Thread.sleep(300);
            assertFalse(write.isDone(), "the engine waits for the CLI");
            assertEquals("", cli.exec("COMMIT;"));
            assertEquals(1, write.get(20, TimeUnit.SECONDS));
            assertEquals(2, count(db));
        }
    }

    @Test
    void engineWriteTransactionMakesTheCliBusyUntilItCommits() throws Exception {
        Path file = dir.resolve("b.db");
        try (Database db = runtime.open(file.toString())) {
            db.exec("CREATE TABLE t(x)");
            db.exec("BEGIN IMMEDIATE; INSERT INTO t VALUES ('engine')");
            NativeSqlite.Result busy = NativeSqlite.run(file, "INSERT INTO t VALUES ('cli');");
            assertNotEquals(0, busy.exit());
            assertTrue(busy.err().contains("database is locked"), busy.err());

            Process waiting = new ProcessBuilder(NativeSqlite.executable(), "-batch", "-cmd", ".timeout 20000",
                file.toString(), "INSERT INTO t VALUES ('cli')").start();
            Thread.sleep(500);
            assertTrue(waiting.isAlive(), "the CLI waits for the engine");
            db.exec("COMMIT");
            assertTrue(waiting.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, waiting.exitValue(), new String(waiting.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(2, count(db));
        }
    }

    @Test
    void engineReaderKeepsTheCliFromCommittingAndTheCliReaderKeepsTheEngineFromCommitting() throws Exception {
        Path file = dir.resolve("c.db");
        assertEquals(0, NativeSqlite.run(file, "CREATE TABLE t(x); INSERT INTO t VALUES (1);").exit());
        try (Database db = runtime.open(file.toString())) {
            db.exec("BEGIN");
            assertEquals(1, count(db));   // SHARED held until the end of the transaction
            NativeSqlite.Result r = NativeSqlite.run(file, "INSERT INTO t VALUES (2);");
            assertTrue(r.err().contains("database is locked"), r.err());
            db.exec("COMMIT");
            try (NativeSqlite.Session cli = new NativeSqlite.Session(file)) {
                assertEquals("1", cli.exec("BEGIN; SELECT count(*) FROM t;"));
                SqliteException e = assertThrows(SqliteException.class, () -> db.execute("INSERT INTO t VALUES (3)"));
                assertEquals(ResultCode.SQLITE_BUSY, e.resultCode());
                cli.exec("COMMIT;");
                db.execute("INSERT INTO t VALUES (3)");
            }
            assertEquals(2, count(db));
        }
        assertEquals("ok", NativeSqlite.run(file, "PRAGMA integrity_check;").out());
    }

    @Test
    void twoJvmsIncrementingOneCounterEndAtTheExactSum() throws Exception {
        Path file = dir.resolve("counter.db");
        try (Database db = runtime.open(file.toString())) {
            db.exec("CREATE TABLE counter(v INTEGER); INSERT INTO counter VALUES (0)");
        }
        int n = 1000;
        Process a = ChildJvm.start(CounterChild.class, file.toString(), String.valueOf(n));
        Process b = ChildJvm.start(CounterChild.class, file.toString(), String.valueOf(n));
        try {
            assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(5, TimeUnit.MINUTES), "children finish");
            assertEquals(0, a.exitValue());
            assertEquals(0, b.exitValue());
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        NativeSqlite.Result r = NativeSqlite.run(file, "PRAGMA integrity_check; SELECT v FROM counter;");
        assertEquals("ok\n" + (2 * n), r.out(), r.err());
    }
}
