package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 4, the runtime's side: a runtime whose module stops anyway (here: the C stack
 * guard's trap, reached past the engine's own depth check) is marked failed, tells its listeners,
 * releases the files and locks it held (before: another runtime got SQLITE_BUSY on them until the
 * JVM exited) and still closes without an exception (before: close() threw).
 */
class RuntimeFailureTest {
    @Test
    void aStoppedRuntimeReleasesItsFilesAndClosesCleanly(@TempDir Path dir) throws Throwable {
        String file = dir.resolve("a.db").toString();
        SqliteRuntime rt = SqliteRuntime.create();
        List<SqliteException> heard = new ArrayList<>();
        rt.onFailure(heard::add);
        Database db = rt.open(file);
        db.exec("create table t(x); insert into t values (1)");
        db.exec("begin immediate; insert into t values (2)");   // holds RESERVED on the file
        Statement open = db.prepare("select x from t");
        assertFalse(rt.isFailed());

        // past Database's nesting check, straight into the module, with all the Java stack it wants
        SqliteException e = DeepStatementsTest.onThread(1L << 30, () -> assertThrows(SqliteException.class,
            () -> rt.locked(() -> rt.module.exec(db.handle, "select 1" + "+1".repeat(6000)))));
        assertEquals(ResultCode.SQLITE_INTERNAL, e.resultCode());
        assertTrue(e.getMessage().contains("C stack overflow"), e.getMessage());
        assertTrue(rt.isFailed());
        assertEquals(1, heard.size(), "the listener heard it once");
        assertTrue(heard.get(0).getMessage().contains("C stack overflow"), heard.get(0).getMessage());

        SqliteException later = assertThrows(SqliteException.class, () -> db.exec("select 1"));
        assertEquals(ResultCode.SQLITE_INTERNAL, later.resultCode(), "later calls fail clearly");

        try (SqliteRuntime other = SqliteRuntime.create(); Database again = other.open(file)) {
            again.exec("begin immediate; insert into t values (3); commit");   // no SQLITE_BUSY: the lock went
            try (Statement st = again.prepare("select group_concat(x) from t")) {
                assertTrue(st.step());
                assertEquals("1,3", st.getText(0), "the stopped runtime's open transaction is gone, nothing else");
            }
        }
        open.close();
        rt.close();   // no exception
        assertTrue(rt.isClosed());
        assertTrue(db.isClosed());
        assertSame(1, heard.size());
    }
}
