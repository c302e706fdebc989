package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static dev.livestorejvm.vfs.ResultCodes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of error becomes a SqliteException with SQLite's codes, and the runtime stays usable. */
class ErrorsTest {
    @RegisterExtension
    final SqliteFixture sqlite = new SqliteFixture();
    SqliteRuntime runtime;
    Database db;

    @BeforeEach
    void open() {
        runtime = sqlite.runtime();
        db = runtime.open(":memory:");
        db.exec("create table t(id integer primary key, name text not null unique)");
    }


    /** After any error, the same connection and a new one still work. */
    private void stillUsable() {
        db.execute("insert into t(name) values (?)", "after-" + System.nanoTime());
        try (Database other = runtime.open(":memory:"); Statement st = other.prepare("select 6 * 7")) {
            assertTrue(st.step());
            assertEquals(42, st.getLong(0));
        }
    }

    @Test
    void syntaxErrorCarriesMessageSqlAndOffset() {
        SqliteException e = assertThrows(SqliteException.class, () -> db.prepare("select * frm t"));
        assertEquals(SQLITE_ERROR, e.resultCode());
        assertTrue(e.sqliteMessage().contains("syntax error"), e.sqliteMessage());
        assertEquals("select * frm t", e.sql());
        assertEquals(9, e.errorOffset());
        assertTrue(e.getMessage().startsWith("[SQLITE_ERROR] near \"frm\": syntax error"), e.getMessage());
        SqliteException missing = assertThrows(SqliteException.class, () -> db.prepare("select nope from t"));
        assertEquals("no such column: nope", missing.sqliteMessage());
        assertEquals(7, missing.errorOffset());
        stillUsable();
    }

    @Test
    void constraintViolationsHaveExtendedCodes() {
        db.execute("insert into t(name) values ('a')");
        SqliteException unique = assertThrows(SqliteException.class, () -> db.execute("insert into t(name) values ('a')"));
        assertEquals(SQLITE_CONSTRAINT, unique.resultCode());
        assertEquals(SQLITE_CONSTRAINT_UNIQUE, unique.extendedCode());
        assertEquals("UNIQUE constraint failed: t.name", unique.sqliteMessage());
        SqliteException notNull = assertThrows(SqliteException.class, () -> db.execute("insert into t(name) values (null)"));
        assertEquals(SQLITE_CONSTRAINT_NOTNULL, notNull.extendedCode());
        SqliteException pk = assertThrows(SqliteException.class, () -> db.execute("insert into t(id, name) values (1, 'b')"));
        assertEquals(SQLITE_CONSTRAINT_PRIMARYKEY, pk.extendedCode());
        stillUsable();
    }

    @Test
    void misuseFromSqliteAndFromTheApi() {
        try (Statement st = db.prepare("select ?")) {
            // SQLite refuses to bind while the statement runs
            assertTrue(st.step());
            SqliteException e = assertThrows(SqliteException.class, () -> st.bindLong(1, 1));
            assertEquals(SQLITE_MISUSE, e.resultCode(), e.getMessage());
        }
        Statement closed = db.prepare("select 1");
        closed.close();
        assertEquals(SQLITE_MISUSE, assertThrows(SqliteException.class, closed::step).resultCode());
        try (Statement st = db.prepare("select 1")) {
            assertEquals(SQLITE_MISUSE, assertThrows(SqliteException.class, () -> st.getLong(0)).resultCode(), "no row yet");
            assertTrue(st.step());
            assertEquals(SQLITE_RANGE, assertThrows(SqliteException.class, () -> st.getLong(1)).resultCode());
        }
        assertEquals(SQLITE_MISUSE, assertThrows(SqliteException.class, () -> db.prepare("select 1; select 2")).resultCode());
        assertEquals(SQLITE_MISUSE, assertThrows(SqliteException.class, () -> db.prepare("  -- only a comment")).resultCode());
        try (Statement st = db.prepare("select 1;  -- trailing comment\n")) {
            assertTrue(st.step());
        }
        Database gone = runtime.open(":memory:");
        gone.close();
        SqliteException e = assertThrows(SqliteException.class, () -> gone.exec("select 1"));
        assertEquals(SQLITE_MISUSE, e.resultCode());
        assertTrue(e.getMessage().contains("database is closed"));
        stillUsable();
    }

    @Test
    void rangeErrors() {
        try (Statement st = db.prepare("select ?")) {
            SqliteException e = assertThrows(SqliteException.class, () -> st.bindLong(2, 1));
            assertEquals(SQLITE_RANGE, e.resultCode());
            assertEquals("column index out of range", e.sqliteMessage());
        }
        stillUsable();
    }

    @Test
    void busyWhenAnotherConnectionHoldsTheWriteLock() {
        try (Database a = runtime.open("file:shared.db?vfs=memory"); Database b = runtime.open("file:shared.db?vfs=memory")) {
            a.exec("create table if not exists c(x)");
            a.exec("begin immediate");
            SqliteException e = assertThrows(SqliteException.class, () -> b.exec("begin immediate"));
            assertEquals(SQLITE_BUSY, e.resultCode());
            b.busyTimeout(50);
            long t0 = System.nanoTime();
            SqliteException timedOut = assertThrows(SqliteException.class, () -> b.execute("insert into c values (1)"));
            assertEquals(SQLITE_BUSY, timedOut.resultCode());
            assertTrue(System.nanoTime() - t0 >= 40_000_000L, "waited for the busy timeout");
            a.exec("commit");
            assertEquals(1, b.execute("insert into c values (1)"));
        }
        stillUsable();
    }

    @Test
    void outOfMemoryInsideTheModule() {
        try (SqliteRuntime small = SqliteRuntime.builder().maxMemory(48L << 20).build();
             Database tight = small.open(":memory:")) {
            SqliteException e = assertThrows(SqliteException.class, () -> tight.exec("select randomblob(64000000)"));
            assertEquals(SQLITE_NOMEM, e.resultCode(), e.getMessage());
            // the Java side's own allocation in the module's heap fails the same way
            SqliteException bind = assertThrows(SqliteException.class,
                () -> tight.execute("select length(?)", (Object) new byte[40_000_000]));
            assertEquals(SQLITE_NOMEM, bind.resultCode(), bind.getMessage());
            // and both leave the runtime usable
            assertEquals(List.of(List.of("i:10000000")), QueryResults.rows(tight, "select length(randomblob(10000000))"));
        }
        stillUsable();
    }

    @Test
    void openErrorsNameTheDatabase() {
        SqliteException e = assertThrows(SqliteException.class,
            () -> runtime.open("file:missing.db?vfs=memory", dev.livestorejvm.vfs.OpenFlags.READWRITE | dev.livestorejvm.vfs.OpenFlags.URI));
        assertEquals(SQLITE_CANTOPEN, e.resultCode());
        assertTrue(e.getMessage().contains("missing.db"), e.getMessage());
        SqliteException vfs = assertThrows(SqliteException.class, () -> runtime.open("x.db", SqliteRuntime.DEFAULT_OPEN_FLAGS, "no-such-vfs"));
        assertTrue(vfs.getMessage().contains("no such vfs"), vfs.getMessage());
        stillUsable();
    }
}
