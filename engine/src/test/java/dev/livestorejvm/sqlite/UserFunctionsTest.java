package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.ResultCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserFunctionsTest {
    @RegisterExtension
    final SqliteFixture sqlite = new SqliteFixture();
    private SqliteRuntime runtime;
    private Database db;

    @BeforeEach
    void open() {
        runtime = sqlite.runtime();
        db = runtime.open(":memory:");
    }


    private Object scalar(Database on, String sql, Object... params) {
        try (Statement st = on.prepare(sql)) {
            st.bindAll(params);
            assertTrue(st.step());
            return st.getObject(0);
        }
    }

    @Test
    void scalarFunctionPassesEveryValueTypeInAndOut() {
        List<Object> seen = new ArrayList<>();
        db.createFunction("echo", 1, true, args -> {
            seen.add(args[0]);
            return args[0];
        });
        assertEquals(5_000_000_000L, scalar(db, "SELECT echo(5000000000)"));
        assertEquals(-2.5, scalar(db, "SELECT echo(-2.5)"));
        assertEquals("héllo ✓", scalar(db, "SELECT echo(?)", "héllo ✓"));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, (byte[]) scalar(db, "SELECT echo(x'0001ff')"));
        assertNull(scalar(db, "SELECT echo(NULL)"));
        assertEquals("", scalar(db, "SELECT echo('')"));
        assertEquals(6, seen.size());
        db.createFunction("answer", 0, true, args -> true);
        assertEquals(1L, scalar(db, "SELECT answer()"));
        db.createFunction("answer", 0, true, args -> 42);   // replaced
        assertEquals(42L, scalar(db, "SELECT answer()"));
        db.createFunction("vararg", -1, true, args -> args.length);
        assertEquals(3L, scalar(db, "SELECT vararg(1, 'a', NULL)"));
        db.removeFunction("vararg", -1);
        assertThrows(SqliteException.class, () -> db.prepare("SELECT vararg(1)"));
    }

    @Test
    void exceptionBecomesAnSqlErrorWithItsMessageAndCause() {
        IllegalArgumentException boom = new IllegalArgumentException("bad input 7");
        db.createFunction("fail", 1, false, args -> {
            throw boom;
        });
        SqliteException e = assertThrows(SqliteException.class, () -> scalar(db, "SELECT fail(7)"));
        assertEquals(ResultCodes.SQLITE_ERROR, e.resultCode());
        assertEquals("bad input 7", e.sqliteMessage());
        assertSame(boom, e.getCause());
        db.createFunction("weird", 0, false, args -> new Object());
        SqliteException w = assertThrows(SqliteException.class, () -> scalar(db, "SELECT weird()"));
        assertTrue(w.sqliteMessage().contains("no SQLite type"), w.sqliteMessage());
        assertEquals(1L, scalar(db, "SELECT 1"), "the connection works afterwards");
    }

    @Test
    void deterministicFlagDecidesWhereAFunctionMayBeUsed() {
        db.exec("CREATE TABLE t(x)");
        db.createFunction("det", 1, true, args -> args[0]);
        db.createFunction("nondet", 1, false, args -> args[0]);
        db.exec("CREATE INDEX t_det ON t(det(x))");
        SqliteException e = assertThrows(SqliteException.class, () -> db.exec("CREATE INDEX t_nondet ON t(nondet(x))"));
        assertTrue(e.sqliteMessage().contains("non-deterministic"), e.sqliteMessage());
    }

    @Test
    void aggregateOverHundredThousandRowsAndGroups() {
        db.createAggregate("jsum", 1, true, new AggregateFunction<long[]>() {
            @Override
            public long[] start() {
                return new long[2];
            }

            @Override
            public long[] step(long[] state, Object[] args) {
                state[0] += (Long) args[0];
                state[1]++;
                return state;
            }

            @Override
            public Object finish(long[] state) {
                return state[1] == 0 ? null : state[0];
            }
        });
        String rows = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) ";
        List<Object> sums = new ArrayList<>();
        try (Statement st = db.prepare(rows + "SELECT x % 3, jsum(x) FROM c GROUP BY 1 ORDER BY 1")) {
            while (st.step()) sums.add(st.getObject(1));
        }
        long s0 = 0, s1 = 0, s2 = 0;
        for (long x = 1; x <= 100_000; x++) {
            if (x % 3 == 0) s0 += x; else if (x % 3 == 1) s1 += x; else s2 += x;
        }
        assertEquals(List.of(s0, s1, s2), sums);
        assertEquals(5_000_050_000L, s0 + s1 + s2);
        assertNull(scalar(db, "SELECT jsum(x) FROM (SELECT 1 AS x WHERE 0)"), "an empty input finishes the start state");
        // an aggregate written with an immutable state
        db.createAggregate("concat_all", 1, true, new AggregateFunction<String>() {
            public String start() {
                return "";
            }

            public String step(String s, Object[] args) {
                return s + args[0];
            }

            public Object finish(String s) {
                return s;
            }
        });
        assertEquals("abc", scalar(db, "SELECT concat_all(v) FROM (SELECT 'a' AS v UNION ALL SELECT 'b' UNION ALL SELECT 'c')"));
    }

    @Test
    void collationOrdersAndItsExceptionFailsTheStatement() {
        db.exec("CREATE TABLE w(s TEXT); INSERT INTO w VALUES ('ccc'), ('a'), ('bb'), ('B')");
        db.createCollation("BYLEN", Comparator.comparingInt(String::length).thenComparing(String.CASE_INSENSITIVE_ORDER));
        List<Object> order = new ArrayList<>();
        try (Statement st = db.prepare("SELECT s FROM w ORDER BY s COLLATE bylen, s")) {
            while (st.step()) order.add(st.getObject(0));
        }
        assertEquals(Arrays.asList("a", "B", "bb", "ccc"), order);
        RuntimeException boom = new RuntimeException("cannot compare");
        db.createCollation("BYLEN", (a, b) -> {
            throw boom;
        });
        SqliteException e = assertThrows(SqliteException.class, () -> scalar(db, "SELECT group_concat(s) FROM (SELECT s FROM w ORDER BY s COLLATE bylen)"));
        assertSame(boom, e.getCause());
        db.createCollation("BYLEN", null);
        assertThrows(SqliteException.class, () -> db.prepare("SELECT s FROM w ORDER BY s COLLATE bylen"));
    }

    @Test
    void callbackUsingItsOwnConnectionGetsMisuseButOtherConnectionsWork() {
        Database other = runtime.open(":memory:");
        other.exec("CREATE TABLE o(v); INSERT INTO o VALUES (41)");
        db.createFunction("own", 0, false, args -> scalar(db, "SELECT 1"));
        db.createFunction("other", 0, false, args -> (Long) scalar(other, "SELECT v FROM o") + 1);
        SqliteException e = assertThrows(SqliteException.class, () -> scalar(db, "SELECT own()"));
        assertEquals(ResultCodes.SQLITE_MISUSE, ((SqliteException) e.getCause()).resultCode());
        assertEquals(42L, scalar(db, "SELECT other()"));
        assertEquals(1L, scalar(db, "SELECT 1"));
        // closing the connection from its own callback is refused the same way
        db.createFunction("closer", 0, false, args -> {
            db.close();
            return 0;
        });
        SqliteException c = assertThrows(SqliteException.class, () -> scalar(db, "SELECT closer()"));
        assertEquals(ResultCodes.SQLITE_MISUSE, ((SqliteException) c.getCause()).resultCode());
        assertFalse(db.isClosed());
    }

    @Test
    void noCallbackLeaksAfterTenThousandRegistrations() {
        int start = runtime.callbackCount();
        // replaced in place on one connection
        for (int i = 0; i < 2000; i++) {
            final int n = i;
            db.createFunction("f", 1, true, args -> n);
            db.createAggregate("g", 1, true, new AggregateFunction<Long>() {
                public Long start() {
                    return 0L;
                }

                public Long step(Long s, Object[] a) {
                    return s + 1;
                }

                public Object finish(Long s) {
                    return s + n;
                }
            });
            db.updateHook((op, s, t, r) -> { });
            db.commitHook(() -> true);
            db.createCollation("c", Comparator.naturalOrder());
        }
        assertEquals(1999L, scalar(db, "SELECT f(1)"));
        assertEquals(start + 5, runtime.callbackCount());
        db.updateHook(null);
        db.commitHook(null);
        db.removeFunction("f", 1);
        db.removeFunction("g", 1);
        db.createCollation("c", null);
        assertEquals(start, runtime.callbackCount());
        // dropped with their connections
        for (int i = 0; i < 1000; i++) {
            try (Database d = runtime.open(":memory:")) {
                d.createFunction("f", 0, true, args -> 1);
                d.createFunction("f", 1, true, args -> 1);
                d.createCollation("c", Comparator.naturalOrder());
                d.rollbackHook(() -> { });
                d.progressHandler(100, () -> false);
                d.authorizer((a, b, c, e, f) -> Authorizer.Decision.OK);
                d.createSession().attach(null);
                if (i == 0) assertEquals(start + 6, runtime.callbackCount());
            }
        }
        assertEquals(start, runtime.callbackCount());
    }
}
