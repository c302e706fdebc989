package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.ResultCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HooksTest {
    @RegisterExtension
    final SqliteFixture sqlite = new SqliteFixture();
    private SqliteRuntime runtime;
    private Database db;

    @BeforeEach
    void open() {
        runtime = sqlite.runtime();
        db = runtime.open(":memory:");
        db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, secret TEXT)");
    }


    @Test
    void updateHookSeesEveryRowChange() {
        List<String> seen = new ArrayList<>();
        db.updateHook((op, schema, table, rowid) -> seen.add(op + " " + schema + "." + table + " " + rowid));
        db.execute("INSERT INTO t VALUES (5000000000, 'a', NULL)");
        db.execute("UPDATE t SET name = 'b' WHERE id = 5000000000");
        db.execute("DELETE FROM t WHERE id > 0");   // a plain "DELETE FROM t" truncates without row events
        assertEquals(List.of("INSERT main.t 5000000000", "UPDATE main.t 5000000000", "DELETE main.t 5000000000"), seen);
        db.updateHook(null);
        db.execute("INSERT INTO t VALUES (1, 'a', NULL)");
        assertEquals(3, seen.size());
    }

    @Test
    void updateHookExceptionFailsTheCallThatMadeTheChange() {
        IllegalStateException boom = new IllegalStateException("no");
        db.updateHook((op, schema, table, rowid) -> {
            throw boom;
        });
        SqliteException e = assertThrows(SqliteException.class, () -> db.execute("INSERT INTO t VALUES (1, 'a', NULL)"));
        assertEquals(ResultCodes.SQLITE_ERROR, e.resultCode());
        assertSame(boom, e.getCause());
        db.updateHook(null);
        assertEquals(1L, count(), "a notification: the change it reports stays");
    }

    @Test
    void commitHookVetoesAndRollbackHookIsTold() {
        List<String> events = new ArrayList<>();
        boolean[] allow = {false};
        db.commitHook(() -> {
            events.add("commit?");
            return allow[0];
        });
        db.rollbackHook(() -> events.add("rollback"));
        SqliteException e = assertThrows(SqliteException.class, () -> db.execute("INSERT INTO t VALUES (1, 'a', NULL)"));
        assertEquals(ResultCodes.SQLITE_CONSTRAINT | (2 << 8), e.extendedCode(), "SQLITE_CONSTRAINT_COMMITHOOK");
        assertEquals(0L, count());
        assertEquals(List.of("commit?", "rollback"), events);
        allow[0] = true;
        events.clear();
        db.execute("INSERT INTO t VALUES (1, 'a', NULL)");
        db.exec("BEGIN; INSERT INTO t VALUES (2, 'b', NULL); ROLLBACK");
        assertEquals(List.of("commit?", "rollback"), events);
        assertEquals(1L, count());
        // a hook that throws: the commit is vetoed and the exception is the cause
        RuntimeException boom = new RuntimeException("commit hook failed");
        db.commitHook(() -> {
            throw boom;
        });
        SqliteException f = assertThrows(SqliteException.class, () -> db.execute("INSERT INTO t VALUES (3, 'c', NULL)"));
        assertSame(boom, f.getCause());
        assertEquals(1L, count());
        // a rollback hook that throws fails the statement that rolled back
        db.commitHook(null);
        RuntimeException rb = new RuntimeException("rollback hook failed");
        db.rollbackHook(() -> {
            throw rb;
        });
        db.exec("BEGIN");
        SqliteException g = assertThrows(SqliteException.class, () -> db.exec("ROLLBACK"));
        assertSame(rb, g.getCause());
        assertTrue(db.autocommit());
    }

    @Test
    void progressHandlerTimeoutCancelsARunawayQueryNearItsDeadline() {
        long start = System.nanoTime();
        long deadline = start + 300_000_000L;
        db.progressHandler(1000, () -> System.nanoTime() > deadline);
        SqliteException e = assertThrows(SqliteException.class, () -> {
            try (Statement st = db.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")) {
                st.step();
            }
        });
        long late = System.nanoTime() - deadline;
        assertEquals(ResultCodes.SQLITE_INTERRUPT, e.resultCode());
        // the query never ends by itself; a second of slack keeps a busy 2-core CI machine from failing it
        assertTrue(late >= 0 && late < 1_000_000_000L, "cancelled " + late / 1_000_000 + " ms after the deadline");
        db.progressHandler(0, null);
        assertEquals(0L, count(), "the connection works afterwards");
    }

    @Test
    void aThreadInterruptNeitherStopsNorBreaksAStatement() {
        // Chicory would throw out of SQLite's C code at the next call or loop; the build removes
        // those checks (DropInterruptChecks): cancelling is the progress handler's job
        Thread.currentThread().interrupt();
        try (Statement st = db.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT count(*), sum(x) FROM c")) {
            assertTrue(st.step());
            assertEquals(200_000L, st.getLong(0));
            assertEquals(20_000_100_000L, st.getLong(1));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is still there for the caller (and cleared here)");
        }
        db.execute("INSERT INTO t VALUES (1, 'a', 'b')");
        assertEquals(1L, count(), "the connection works afterwards");
    }

    @Test
    void authorizerDeniesAndIgnores() {
        db.execute("INSERT INTO t VALUES (1, 'a', 'hidden')");
        db.authorizer((action, arg1, arg2, schema, trigger) -> {
            if (action == Authorizer.READ && "secret".equals(arg2)) return Authorizer.Decision.IGNORE;
            if (action == Authorizer.DELETE) return Authorizer.Decision.DENY;
            return Authorizer.Decision.OK;
        });
        try (Statement st = db.prepare("SELECT name, secret FROM t")) {
            assertTrue(st.step());
            assertEquals("a", st.getText(0));
            assertNull(st.getText(1));
        }
        SqliteException e = assertThrows(SqliteException.class, () -> db.prepare("DELETE FROM t"));
        assertEquals(ResultCodes.SQLITE_AUTH, e.resultCode());
        RuntimeException boom = new RuntimeException("auth failed");
        db.authorizer((action, arg1, arg2, schema, trigger) -> {
            throw boom;
        });
        SqliteException f = assertThrows(SqliteException.class, () -> db.prepare("SELECT 1"));
        assertSame(boom, f.getCause());
        db.authorizer(null);
        assertEquals(1L, count());
    }

    @Test
    void busyTimeoutWaitsForTheLockThenFails() {
        Database a = runtime.open("file:busy.db?vfs=memory");
        Database b = runtime.open("file:busy.db?vfs=memory");
        a.exec("CREATE TABLE x(y)");
        a.exec("BEGIN IMMEDIATE");
        b.busyTimeout(300);
        long t0 = System.nanoTime();
        SqliteException e = assertThrows(SqliteException.class, () -> b.exec("BEGIN IMMEDIATE"));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ResultCodes.SQLITE_BUSY, e.resultCode());
        assertTrue(waited >= 250, "waited " + waited + " ms");
        a.exec("COMMIT");
        b.exec("BEGIN IMMEDIATE; COMMIT");
    }

    @Test
    void tablesUsedListsTheTablesAStatementReads() {
        db.exec("CREATE TABLE a(id, v); CREATE TABLE b(id, w); CREATE TABLE c(id); CREATE VIEW vb AS SELECT * FROM b");
        assertEquals(Set.of("a", "b", "c"),
            db.tablesUsed("SELECT a.v, vb.w FROM a JOIN vb ON a.id = vb.id WHERE a.id IN (SELECT id FROM c)"));
        assertEquals(Set.of("t"), db.tablesUsed("SELECT count(*) FROM t WHERE name = 'x'"));
        assertThrows(SqliteException.class, () -> db.tablesUsed("SELECT * FROM missing"));
    }

    @Test
    void callbacksCannotBeRegisteredOnAClosedDatabase() {
        db.close();
        assertThrows(SqliteException.class, () -> db.updateHook((op, s, t, r) -> { }));
        assertThrows(SqliteException.class, () -> db.createFunction("f", 0, true, args -> 1));
        assertThrows(SqliteException.class, () -> db.createSession());
    }

    private long count() {
        try (Statement st = db.prepare("SELECT count(*) FROM t")) {
            assertTrue(st.step());
            return st.getLong(0);
        }
    }
}
