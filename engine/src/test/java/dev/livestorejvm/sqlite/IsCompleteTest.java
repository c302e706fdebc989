package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SqliteRuntime#isComplete}: SQLite's own {@code sqlite3_complete}, through the binary. */
class IsCompleteTest {
    static SqliteRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = SqliteRuntime.create();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aSemicolonOutsideStringsAndCommentsEndsAStatement() {
        assertTrue(runtime.isComplete("SELECT 1;"));
        assertTrue(runtime.isComplete("SELECT 1; -- trailing comment"));
        assertTrue(runtime.isComplete("SELECT 'a;b'\n  ;"));
        assertFalse(runtime.isComplete("SELECT 1"));
        assertFalse(runtime.isComplete("SELECT 'a;"));
        assertFalse(runtime.isComplete("SELECT 1 /* ; */"));
        assertFalse(runtime.isComplete("SELECT 1 -- ;"));
    }

    @Test
    void aTriggerBodyEndsOnlyAtEnd() {
        String body = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  SELECT 1;\n";
        assertFalse(runtime.isComplete(body));
        assertTrue(runtime.isComplete(body + "END;"));
    }

    @Test
    void multiByteTextIsPassedAsUtf8() {
        assertTrue(runtime.isComplete("SELECT 'žluťoučký 🐎';"));
        assertFalse(runtime.isComplete("SELECT '🐎;"));
    }

    @Test
    void aClosedRuntimeRefuses() {
        SqliteRuntime closed = SqliteRuntime.create();
        closed.close();
        assertThrows(SqliteException.class, () -> closed.isComplete("SELECT 1;"));
    }
}
