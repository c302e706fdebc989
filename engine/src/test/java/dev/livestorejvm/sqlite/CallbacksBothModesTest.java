package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.ResultCodes;
import dev.livestorejvm.wasm.ExecutionMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same callbacks give the same answers on the compiled machine and on Chicory's interpreter. */
class CallbacksBothModesTest {
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void callbacksWorkInBothModes(ExecutionMode mode) {
        run(SqliteRuntime.builder().mode(mode).build());
    }

    /** The FTS5 build has no libsession adapter: apply goes through the table slots there too. */
    @org.junit.jupiter.api.Test
    void callbacksWorkOnTheFts5Binary() {
        run(SqliteRuntime.builder().binary(dev.livestorejvm.wasm.WasmBinary.FTS5).build());
    }

    private static void run(SqliteRuntime rt) {
        try (SqliteRuntime runtime = rt; Database db = runtime.open(":memory:")) {
            int start = runtime.callbackCount();
            db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT)");
            List<String> events = new ArrayList<>();
            db.updateHook((op, schema, table, rowid) -> events.add(op + " " + rowid));
            db.commitHook(() -> events.add("commit") || true);
            db.rollbackHook(() -> events.add("rollback"));
            db.createFunction("twice", 1, true, args -> (Long) args[0] * 2);
            db.createAggregate("total", 1, true, new AggregateFunction<Long>() {
                public Long start() {
                    return 0L;
                }

                public Long step(Long s, Object[] a) {
                    return s + (Long) a[0];
                }

                public Object finish(Long s) {
                    return s;
                }
            });
            db.createCollation("REV", Comparator.<String>reverseOrder());

            Changeset cs;
            try (Session session = db.createSession().attach(null)) {
                db.exec("INSERT INTO t(id, s) SELECT value, 'v' || value FROM json_each('[1,2,3,4,5]')");
                cs = session.changeset();
            }
            db.exec("BEGIN; DELETE FROM t WHERE id = 5; ROLLBACK");
            assertEquals(List.of("INSERT 1", "INSERT 2", "INSERT 3", "INSERT 4", "INSERT 5", "commit", "DELETE 5", "rollback"), events);
            try (Statement st = db.prepare("SELECT total(twice(id)), group_concat(s, '') FROM (SELECT id, s FROM t ORDER BY s COLLATE rev)")) {
                assertTrue(st.step());
                assertEquals(30L, st.getLong(0));
                assertEquals("v5v4v3v2v1", st.getText(1));
            }
            db.updateHook(null);
            db.commitHook(null);
            db.exec("UPDATE t SET s = 'changed' WHERE id = 2; DELETE FROM t WHERE id = 3");
            List<ConflictKind> kinds = new ArrayList<>();
            db.applyChangeset(cs.invert(), kind -> {
                kinds.add(kind);
                return ConflictHandler.REPLACE_OR_OMIT.onConflict(kind);
            });
            assertEquals(List.of(ConflictKind.DATA, ConflictKind.NOTFOUND), kinds);
            try (Statement st = db.prepare("SELECT count(*) FROM t")) {
                assertTrue(st.step());
                assertEquals(0L, st.getLong(0));
            }
            assertArrayEquals(runtime.invertChangeset(cs).bytes(), cs.invert().bytes());
            db.exec("INSERT INTO t VALUES (1, 'there')");
            IllegalStateException boom = new IllegalStateException("handler failed");
            SqliteException e = assertThrows(SqliteException.class, () -> db.applyChangeset(cs, kind -> {
                throw boom;
            }));
            assertEquals(ResultCodes.SQLITE_ABORT, e.resultCode());
            assertSame(boom, e.getCause());
            assertTrue(start < runtime.callbackCount());
            db.close();
            assertEquals(start, runtime.callbackCount());
        }
    }
}
