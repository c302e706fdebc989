package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link SqliteRuntime#isComplete}: SQLite's own {@code sqlite3_complete}, through the binary. */
class IsCompleteTest {
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();



    @Test
    void aSemicolonOutsideStringsAndCommentsEndsAStatement() {
        assertTrue(sqlite.runtime().isComplete("SELECT 1;"));
        assertTrue(sqlite.runtime().isComplete("SELECT 1; -- trailing comment"));
        assertTrue(sqlite.runtime().isComplete("SELECT 'a;b'\n  ;"));
        assertFalse(sqlite.runtime().isComplete("SELECT 1"));
        assertFalse(sqlite.runtime().isComplete("SELECT 'a;"));
        assertFalse(sqlite.runtime().isComplete("SELECT 1 /* ; */"));
        assertFalse(sqlite.runtime().isComplete("SELECT 1 -- ;"));
    }

    @Test
    void aTriggerBodyEndsOnlyAtEnd() {
        String body = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  SELECT 1;\n";
        assertFalse(sqlite.runtime().isComplete(body));
        assertTrue(sqlite.runtime().isComplete(body + "END;"));
    }

    @Test
    void multiByteTextIsPassedAsUtf8() {
        assertTrue(sqlite.runtime().isComplete("SELECT 'žluťoučký 🐎';"));
        assertFalse(sqlite.runtime().isComplete("SELECT '🐎;"));
    }

    @Test
    void aClosedRuntimeRefuses() {
        SqliteRuntime closed = SqliteRuntime.create();
        closed.close();
        assertThrows(SqliteException.class, () -> closed.isComplete("SELECT 1;"));
    }
}
