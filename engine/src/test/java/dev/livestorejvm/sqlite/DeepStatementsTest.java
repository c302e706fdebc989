package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, items 1 and 2: deeply nested SQL ends with its result or a clean SQLITE_ERROR, and the
 * connection and runtime keep working after it, whatever Java stack the calling thread has. Before:
 * with a large stack the C stack ran over SQLite's data (later statements failed with nonsense);
 * with the default one a StackOverflowError stopped the module for good.
 */
class DeepStatementsTest {
    static SqliteRuntime rt;
    static Database db;

    @BeforeAll
    static void open() {
        rt = SqliteRuntime.create();
        db = rt.open(":memory:");
    }

    @AfterAll
    static void close() {
        rt.close();
    }

    private static String one(String sql) {
        try (Statement st = db.prepare(sql)) {
            assertTrue(st.step(), sql);
            return st.getText(0);
        }
    }

    /** Runs {@code body} on a thread with {@code stackBytes} of Java stack; rethrows what it threw. */
    static <T> T onThread(long stackBytes, Supplier<T> body) throws Throwable {
        AtomicReference<Object> out = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(body.get());
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "stack-" + stackBytes, stackBytes);
        t.start();
        t.join();
        if (thrown.get() != null) throw thrown.get();
        @SuppressWarnings("unchecked") T result = (T) out.get();
        return result;
    }

    private static void stillWorks() {
        assertFalse(rt.isFailed());
        db.exec("create table if not exists q(a); insert into q values (abs(-7))");
        assertEquals("7", one("select max(a) from q"));
        assertEquals("3", one("select 1+2"));
    }

    @Test
    void tooDeepForTheCStackIsACleanErrorEvenWithAHugeJavaStack() throws Throwable {
        // reproduction 1: 4,500 terms under -Xss8m ran the C stack into SQLite's data
        SqliteException e = onThread(8L << 20, () -> assertThrows(SqliteException.class,
            () -> one("select " + String.join("+", java.util.Collections.nCopies(4500, "1")))));
        assertEquals(ResultCode.SQLITE_ERROR, e.resultCode());
        assertTrue(e.getMessage().contains("Expression tree is too large"), e.getMessage());
        onThread(8L << 20, () -> assertThrows(SqliteException.class,
            () -> one("select " + "abs(".repeat(5000) + "1" + ")".repeat(5000))));
        stillWorks();
    }

    @Test
    void deepButWithinTheLimitGivesV8sResultOnAnyStack() throws Throwable {
        // reproduction 2: with the default stack these stopped the module (StackOverflowError)
        for (long stack : new long[] {256 << 10, 0}) {
            assertEquals("3000", onThread(stack, () -> one("select 1" + "+1".repeat(2999))));
            assertEquals("1", onThread(stack, () -> one("select " + "abs(".repeat(1000) + "1" + ")".repeat(1000))));
            assertEquals("1", onThread(stack, () -> one("select " + "(select ".repeat(300) + "1" + ")".repeat(300))));
            assertEquals("2001", onThread(stack, () -> one("select length('a'" + "||'a'".repeat(2000) + ")")));
            assertEquals("1", onThread(stack, () -> one("select " + "case when 1 then ".repeat(500) + "1" + " end".repeat(500))));
            assertEquals("2000", onThread(stack, () -> one("select length(json('" + "[".repeat(1000) + "]".repeat(1000) + "'))")));
            stillWorks();
        }
    }

    @Test
    void aDeepStatementStepsAgainAndTablesUsedSeesThroughIt() throws Throwable {
        String deep = "select a" + "+a".repeat(999) + " from q";
        db.exec("create table if not exists q(a)");
        onThread(256 << 10, () -> {
            try (Statement st = db.prepare(deep)) {
                for (int i = 0; i < 3; i++) {
                    st.reset();
                    while (st.step()) {
                        // rows read past
                    }
                }
            }
            assertEquals(java.util.Set.of("q"), db.tablesUsed(deep));
            return null;
        });
        stillWorks();
    }

    @Test
    void jsonNestedPastSqlitesLimitIsMalformed() {
        SqliteException e = assertThrows(SqliteException.class,
            () -> one("select json('" + "[".repeat(1001) + "]".repeat(1001) + "')"));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        stillWorks();
    }

    @Test
    void prepareOfNullSaysWhatIsMissing() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> db.prepare(null));
        assertEquals("sql", e.getMessage());
    }
}
