package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.wasm.compiled.WaSqliteDefaultHotCalls;
import dev.livestorejvm.wasm.compiled.WaSqliteFts5HotCalls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The typed hot calls: direct calls of the compiled code, Chicory's export functions on the same
 * compiled code, and the interpreter must give the same answers, across the edges of i64
 * legalization, UTF-8 and blob sizes, and must stop the module on a trap alike.
 */
class HotCallsTest {
    enum Path { DIRECT, EXPORTS, INTERPRETED }

    static final long[] LONGS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fffffffL + 1, 0xffffffffL,
        0x1_0000_0000L, -0x1_0000_0000L, -0xffffffffL, 0x8000_0000_0000_0001L, 0x0000_0001_ffff_ffffL,
        0x7fff_ffff_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, 5_000_000_000L, -5_000_000_000L};
    static final double[] DOUBLES = {0.0, -0.0, 1.5, -2.25e300, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI};
    static final String[] TEXTS = {"", "a", "hé", "日本語", "emoji 😀 and 𝄞", "nul\0inside\0", "\0",
        "ünïcödé ".repeat(20_000)};

    static SqliteModule load(Path path, WasmBinary binary) {
        SqliteModule.Options o = SqliteModule.Options.defaults().withBinary(binary)
            .withMode(path == Path.INTERPRETED ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED);
        return path == Path.EXPORTS ? SqliteModule.loadWithoutDirectCalls(o) : SqliteModule.load(o);
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void eachPathUsesItsImplementation(Path path) {
        Class<?> expected = path == Path.DIRECT ? WaSqliteDefaultHotCalls.class : HotCallsViaExports.class;
        assertSame(expected, load(path, WasmBinary.DEFAULT).hotCalls().getClass());
        Class<?> fts5 = path == Path.DIRECT ? WaSqliteFts5HotCalls.class : HotCallsViaExports.class;
        if (path != Path.INTERPRETED) assertSame(fts5, load(path, WasmBinary.FTS5).hotCalls().getClass());
    }

    @Test
    void everyPathReadsBackWhatWasBound() {
        byte[] mega = new byte[1 << 20];
        new Random(42).nextBytes(mega);
        List<String> direct = null;
        for (Path path : Path.values()) {
            List<String> answers = roundTrip(load(path, WasmBinary.DEFAULT), mega);
            if (direct == null) direct = answers; else assertEquals(direct, answers, path + " differs from DIRECT");
        }
    }

    /** Binds every value, reads it back through the column calls and through SQL; returns a transcript. */
    private static List<String> roundTrip(SqliteModule m, byte[] mega) {
        List<String> out = new ArrayList<>();
        int db = m.openV2(":memory:", 0x6, null).db();
        assertEquals(0, m.exec(db, "create table t(v)"));   // no affinity: values keep their storage class
        int ins = prepare(m, db, "insert into t(rowid, v) values (?, ?)");
        int sel = prepare(m, db, "select v, typeof(v), hex(v), length(v) from t where rowid = ?");
        long rowid = 0;
        for (long v : LONGS) {
            long id = bindAndInsert(m, db, ins, ++rowid, () -> m.bindInt64(ins, 2, v));
            readRow(m, sel, id);
            assertEquals(1, m.columnType(sel, 0));
            assertEquals(v, m.columnInt64(sel, 0), "int64 " + v);
            assertEquals(Long.toString(v), m.columnText(sel, 0));
            out.add(m.columnInt64(sel, 0) + " " + m.columnText(sel, 1));
        }
        for (double v : DOUBLES) {
            long id = bindAndInsert(m, db, ins, ++rowid, () -> m.bindDouble(ins, 2, v));
            readRow(m, sel, id);
            assertEquals(2, m.columnType(sel, 0));
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(m.columnDouble(sel, 0)), "double " + v);
            out.add(m.columnDouble(sel, 0) + " " + m.columnText(sel, 1));
        }
        for (String v : TEXTS) {
            long id = bindAndInsert(m, db, ins, ++rowid, () -> m.bindText(ins, 2, v));
            readRow(m, sel, id);
            byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
            assertEquals(3, m.columnType(sel, 0));
            assertEquals(v, m.columnText(sel, 0));
            assertArrayEquals(utf8, m.columnBlob(sel, 0));
            assertEquals(HexFormat.of().withUpperCase().formatHex(utf8), m.columnText(sel, 2), "bytes inside SQLite");
            out.add(m.columnText(sel, 0) + " " + m.columnText(sel, 3));
        }
        for (byte[] v : new byte[][] {new byte[0], {0}, {(byte) 0xff, 0, 1}, mega}) {
            long id = bindAndInsert(m, db, ins, ++rowid, () -> m.bindBlob(ins, 2, v));
            readRow(m, sel, id);
            assertEquals(4, m.columnType(sel, 0));
            assertArrayEquals(v, m.columnBlob(sel, 0));
            assertEquals(v.length, m.columnInt64(sel, 3));
            if (v.length < 16) assertEquals(HexFormat.of().withUpperCase().formatHex(v), m.columnText(sel, 2));
            out.add(v.length + " " + m.columnText(sel, 1) + " " + m.columnText(sel, 2).hashCode());
        }
        long id = bindAndInsert(m, db, ins, ++rowid, () -> m.bindNull(ins, 2));
        readRow(m, sel, id);
        assertEquals(5, m.columnType(sel, 0));
        assertNull(m.columnText(sel, 0));
        assertEquals(0, m.columnBlob(sel, 0).length);
        id = bindAndInsert(m, db, ins, ++rowid, () -> m.bindZeroblob(ins, 2, 3));
        readRow(m, sel, id);
        assertArrayEquals(new byte[3], m.columnBlob(sel, 0));

        // i64 results through __emscripten_tempret_get: rowids and change counts
        for (long big : new long[] {1L << 40, -(1L << 35) - 7, Long.MAX_VALUE}) {
            bindAndInsert(m, db, ins, big, () -> m.bindNull(ins, 2));
            assertEquals(big, m.lastInsertRowid(db));
        }
        assertEquals(0, m.exec(db, "update t set v = v"));
        assertEquals(rowid + 3, m.changes64(db));
        assertEquals(2 * (rowid + 3), m.totalChanges64(db));
        out.add("changes " + m.changes64(db) + " " + m.totalChanges64(db));

        assertEquals(2, m.bindParameterCount(ins));
        assertEquals(0, m.clearBindings(ins));
        assertTrue(m.getAutocommit(db));
        assertEquals(0, m.finalizeStmt(ins));
        assertEquals(0, m.finalizeStmt(sel));
        assertEquals(0, m.closeV2(db));
        return out;
    }

    /** User functions read their arguments and set their result through the hot value/result calls. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void aUserFunctionEchoesEveryValue(Path path) {
        SqliteModule m = load(path, WasmBinary.DEFAULT);
        int db = m.openV2(":memory:", 0x6, null).db();
        List<Object> seen = new ArrayList<>();
        CallbackApi.FunctionTarget echo = new CallbackApi.FunctionTarget() {
            @Override
            public void call(int ctx, Object[] args) {
                seen.add(args[0]);
                m.callbacks().result(ctx, args[0]);
            }

            @Override
            public void step(int ctx, Object[] args) {
                throw new AssertionError("not an aggregate");
            }

            @Override
            public void finish(int ctx) {
                throw new AssertionError("not an aggregate");
            }
        };
        assertEquals(0, m.callbacks().createFunction(db, "echo", 1, CallbackApi.UTF8, false, echo));
        int st = prepare(m, db, "select echo(?), typeof(echo(?1)), hex(echo(?1))");
        List<Object> values = new ArrayList<>();
        for (long v : LONGS) values.add(v);
        for (double v : DOUBLES) values.add(v);
        values.addAll(List.of(TEXTS).subList(0, TEXTS.length - 1));
        values.add(new byte[0]);
        values.add(new byte[] {(byte) 0xff, 0, 1});
        values.add(null);
        for (Object v : values) {
            seen.clear();
            assertEquals(0, v == null ? m.bindNull(st, 1) : v instanceof Long ? m.bindInt64(st, 1, (Long) v)
                : v instanceof Double ? m.bindDouble(st, 1, (Double) v) : v instanceof String ? m.bindText(st, 1, (String) v)
                : m.bindBlob(st, 1, (byte[]) v));
            assertEquals(100, m.step(st), () -> m.errmsg(db));
            assertEquals(3, seen.size());
            for (Object s : seen) {
                if (v instanceof byte[]) assertArrayEquals((byte[]) v, (byte[]) s); else assertEquals(v, s);
            }
            String type = v == null ? "null" : v instanceof Long ? "integer" : v instanceof Double ? "real" : v instanceof String ? "text" : "blob";
            assertEquals(type, m.columnText(st, 1));
            if (v instanceof Long) assertEquals((long) (Long) v, m.columnInt64(st, 0));
            if (v instanceof Double) assertEquals(Double.doubleToRawLongBits((Double) v), Double.doubleToRawLongBits(m.columnDouble(st, 0)));
            if (v instanceof String) {
                assertEquals(v, m.columnText(st, 0));
                assertEquals(HexFormat.of().withUpperCase().formatHex(((String) v).getBytes(StandardCharsets.UTF_8)), m.columnText(st, 2));
            }
            if (v instanceof byte[]) assertArrayEquals((byte[]) v, m.columnBlob(st, 0));
            assertEquals(0, m.reset(st));
        }
        assertEquals(0, m.finalizeStmt(st));
        assertEquals(0, m.closeV2(db));
    }

    private static int prepare(SqliteModule m, int db, String sql) {
        SqliteModule.Prepared p = m.prepareV3(db, sql.getBytes(StandardCharsets.UTF_8), 0, 0);
        assertEquals(0, p.rc(), () -> m.errmsg(db));
        return p.stmt();
    }

    private static long bindAndInsert(SqliteModule m, int db, int ins, long rowid, java.util.function.IntSupplier bind) {
        assertEquals(0, m.bindInt64(ins, 1, rowid));
        assertEquals(0, bind.getAsInt());
        assertEquals(101, m.step(ins));
        assertEquals(1, m.changes64(db));
        assertEquals(0, m.reset(ins));
        return rowid;
    }

    private static void readRow(SqliteModule m, int sel, long rowid) {
        assertEquals(0, m.reset(sel));
        assertEquals(0, m.bindInt64(sel, 1, rowid));
        assertEquals(100, m.step(sel));
        assertEquals(4, m.columnCount(sel));
        assertEquals(4, m.dataCount(sel));
    }

    @ParameterizedTest
    @EnumSource(value = Path.class, names = {"DIRECT", "EXPORTS"})
    void aTrapInAHotCallStopsTheModule(Path path) {
        SqliteModule m = load(path, WasmBinary.DEFAULT);
        int outOfBounds = 0x7fff_fff0;   // far above the module's memory: reading the statement traps
        WasmAbort trap = assertThrows(WasmAbort.class, () -> m.step(outOfBounds));
        assertTrue(trap.getMessage().contains("sqlite3_step"), trap.getMessage());
        assertTrue(m.failed());
        WasmAbort later = assertThrows(WasmAbort.class, () -> m.columnCount(1));
        assertTrue(later.getMessage().contains("stopped earlier"), later.getMessage());
        assertThrows(WasmAbort.class, m::libversion);   // the ExportFunction path refuses too
    }

    /**
     * The machine's dispatcher turns a JVM stack overflow inside wasm into a trap; a direct call
     * bypasses it, so HotCalls must do the same: deeply nested subqueries on a small thread stack.
     */
    @ParameterizedTest
    @EnumSource(value = Path.class, names = {"DIRECT", "EXPORTS"})
    void aStackOverflowInAHotCallIsATrap(Path path) throws InterruptedException {
        SqliteModule m = load(path, WasmBinary.DEFAULT);
        int db = m.openV2(":memory:", 0x6, null).db();
        String sql = "select " + "(select ".repeat(900) + "1" + ")".repeat(900);
        Throwable[] thrown = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                m.exec(db, sql);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertInstanceOf(WasmAbort.class, thrown[0], "expected a trap, got " + thrown[0]);
        boolean overflow = false;
        for (Throwable t = thrown[0]; t != null; t = t.getCause()) overflow |= t instanceof StackOverflowError;
        assertTrue(overflow, "the cause chain names the stack overflow");
        assertTrue(m.failed());
    }

    @Test
    void theFts5BinaryRunsDirectCalls() {
        SqliteModule m = load(Path.DIRECT, WasmBinary.FTS5);
        int db = m.openV2(":memory:", 0x6, null).db();
        assertEquals(0, m.exec(db, "create virtual table d using fts5(body); insert into d values ('hot calls'), ('cold start')"));
        int st = prepare(m, db, "select body from d where d match ?");
        assertEquals(0, m.bindText(st, 1, "hot"));
        assertEquals(100, m.step(st));
        assertEquals("hot calls", m.columnText(st, 0));
        assertEquals(101, m.step(st));
        assertEquals(0, m.finalizeStmt(st));
        assertEquals(0, m.closeV2(db));
    }
}
