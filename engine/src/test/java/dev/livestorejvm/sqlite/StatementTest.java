package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementTest {
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();
    Database db;



    @BeforeEach
    void open() {
        db = sqlite.runtime().open(":memory:");
        db.exec("create table t(id integer primary key, i integer, r real, s text, b blob)");
    }

    @Test
    void bindsEveryTypeByIndexAndReadsItBackByIndexAndName() {
        try (Statement ins = db.prepare("insert into t(i, r, s, b) values (?, ?, ?, ?)")) {
            assertEquals(4, ins.parameterCount());
            ins.bindLong(1, 42).bindDouble(2, 2.5).bindText(3, "héllo 😀").bindBlob(4, new byte[] {0, 1, (byte) 0xff});
            assertEquals(1, ins.executeUpdate());
            ins.clearBindings();
            assertEquals(1, ins.executeUpdate());   // all NULL after clearBindings
        }
        assertEquals(2, db.lastInsertRowid());
        try (Statement st = db.prepare("select id, i, r, s, b from t order by id")) {
            assertEquals(5, st.columnCount());
            assertEquals(List.of("id", "i", "r", "s", "b"), st.columnNames());
            assertEquals("s", st.columnName(3));
            assertTrue(st.step());
            assertEquals(ColumnType.INTEGER, st.columnType(1));
            assertEquals(42, st.getLong(1));
            assertEquals(42, st.getInt("i"));
            assertEquals(ColumnType.FLOAT, st.columnType("r"));
            assertEquals(2.5, st.getDouble(2));
            assertEquals(2.5, st.getDouble("r"));
            assertEquals(ColumnType.TEXT, st.columnType(3));
            assertEquals("héllo 😀", st.getText(3));
            assertEquals("héllo 😀", st.getText("s"));
            assertEquals(ColumnType.BLOB, st.columnType(4));
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, st.getBlob("b"));
            assertEquals(42L, st.getObject(1));
            assertEquals(2.5, st.getObject(2));
            assertEquals("héllo 😀", st.getObject("s"));
            assertTrue(st.step());
            for (int c = 1; c <= 4; c++) {
                assertTrue(st.isNull(c));
                assertNull(st.getObject(c));
            }
            assertNull(st.getText(3));
            assertNull(st.getBlob(4));
            assertEquals(0, st.getLong(1));
            assertFalse(st.step());
        }
    }

    @Test
    void bindsByNameWithOrWithoutPrefix() {
        try (Statement st = db.prepare("select :a, @b, $c, ?")) {
            assertEquals(1, st.parameterIndex(":a"));
            assertEquals(1, st.parameterIndex("a"));
            assertEquals(2, st.parameterIndex("b"));
            assertEquals(3, st.parameterIndex("$c"));
            assertEquals(":a", st.parameterName(1));
            assertNull(st.parameterName(4));
            st.bindLong("a", 1).bindText("b", "two").bindDouble("c", 3.0).bindNull(4);
            assertTrue(st.step());
            assertEquals(List.of(1L, "two", 3.0), List.of(st.getObject(0), st.getObject(1), st.getObject(2)));
            assertNull(st.getObject(3));
            assertEquals("select 1, 'two', 3.0, NULL", st.expandedSql());
            SqliteException e = assertThrows(SqliteException.class, () -> st.bindLong("nope", 1));
            assertEquals(25, e.resultCode());
        }
    }

    @Test
    void genericBindCoversJavaTypesAndRefusesOthers() {
        try (Statement st = db.prepare("select ?, ?, ?, ?, ?, ?, ?, ?")) {
            st.bindAll(7, (short) 8, (byte) 9, 1.5f, true, "x", new byte[] {5}, null);
            assertTrue(st.step());
            assertEquals(7L, st.getObject(0));
            assertEquals(8L, st.getObject(1));
            assertEquals(9L, st.getObject(2));
            assertEquals(1.5, st.getObject(3));
            assertEquals(1L, st.getObject(4));
            assertEquals("x", st.getObject(5));
            assertArrayEquals(new byte[] {5}, (byte[]) st.getObject(6));
            assertNull(st.getObject(7));
            SqliteException e = assertThrows(SqliteException.class, () -> st.bind(1, new Object()));
            assertEquals(20, e.resultCode());   // SQLITE_MISMATCH
        }
    }

    @Test
    void resetRerunsWithTheSameBindings() {
        db.execute("insert into t(i) values (1), (2), (3)");
        try (Statement st = db.prepare("select count(*) from t where i >= ?")) {
            st.bindLong(1, 2);
            assertTrue(st.step());
            assertEquals(2, st.getLong(0));
            st.reset();
            assertTrue(st.step());
            assertEquals(2, st.getLong(0));
            st.reset().bindLong(1, 3);
            assertTrue(st.step());
            assertEquals(1, st.getLong(0));
        }
    }

    @Test
    void changesAndTotalChanges() {
        long before = db.totalChanges();
        assertEquals(3, db.execute("insert into t(i) values (1), (2), (3)"));
        assertEquals(3, db.changes());
        assertEquals(2, db.execute("update t set i = i + 10 where i < 3"));
        assertEquals(2, db.changes());
        assertEquals(before + 5, db.totalChanges());
        assertEquals(3, db.lastInsertRowid());
    }

    @Test
    void int64ValuesCrossTheBoundaryIntact() {
        long[] values = {0, 1, -1, 4294967295L, 4294967296L, 4294967297L, -4294967296L, -4294967297L,
            1L << 40, -(1L << 40) - 12345, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L};
        try (Statement ins = db.prepare("insert into t(id, i) values (?, ?)")) {
            for (long v : values) {
                ins.bindLong(1, v).bindLong(2, v).executeUpdate();
                assertEquals(v, db.lastInsertRowid(), "rowid " + v);
            }
        }
        try (Statement sel = db.prepare("select id, i, i = ?, cast(i as text) from t where id = ?")) {
            for (long v : values) {
                sel.reset().bindLong(1, v).bindLong(2, v);
                assertTrue(sel.step(), "row " + v);
                assertEquals(v, sel.getLong(0));
                assertEquals(v, sel.getLong(1));
                assertEquals(1, sel.getLong(2), "comparison inside SQLite for " + v);
                assertEquals(Long.toString(v), sel.getText(3));
            }
        }
        try (Statement st = db.prepare("select sum(i) from t where i between -5000000000 and 5000000000")) {
            assertTrue(st.step());
            long expected = 0;
            for (long v : values) if (v >= -5000000000L && v <= 5000000000L) expected += v;
            assertEquals(expected, st.getLong(0));
        }
    }

    @Test
    void doublesAndTextEdgesRoundTrip() {
        double[] doubles = {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -1e-300, Math.PI, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        try (Statement st = db.prepare("select ?")) {
            for (double d : doubles) {
                st.reset().bindDouble(1, d);
                assertTrue(st.step());
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(st.getDouble(0)), "double " + d);
            }
            st.reset().bindDouble(1, Double.NaN);   // SQLite stores NaN as NULL
            assertTrue(st.step());
            assertTrue(st.isNull(0));
            String nul = "a\u0000b";   // text with an embedded NUL keeps its length
            st.reset().bindText(1, nul);
            assertTrue(st.step());
            assertEquals(nul, st.getText(0));
            String big = "x".repeat(1 << 20) + "ü";
            st.reset().bindText(1, big);
            assertTrue(st.step());
            assertEquals(big, st.getText(0));
            byte[] blob = big.getBytes(StandardCharsets.UTF_8);
            st.reset().bindBlob(1, blob);
            assertTrue(st.step());
            assertArrayEquals(blob, st.getBlob(0));
            st.reset().bindBlob(1, new byte[0]);
            assertTrue(st.step());
            assertEquals(ColumnType.BLOB, st.columnType(0));
            assertArrayEquals(new byte[0], st.getBlob(0));
            st.reset().bindZeroBlob(1, 3);
            assertTrue(st.step());
            assertArrayEquals(new byte[3], st.getBlob(0));
        }
    }

    @Test
    void statementsAndDatabasesCloseCleanly() {
        Statement st = db.prepare("select 1");
        st.close();
        st.close();   // harmless
        assertTrue(st.isClosed());
        Statement open = db.prepare("select 2");
        db.close();
        assertTrue(open.isClosed(), "closing the database finalizes its statements");
        db.close();
        assertTrue(db.isClosed());
    }

    @Test
    void readOnlyFilenameAndAutocommit() {
        assertFalse(db.readOnly());
        assertEquals("", db.filename());
        assertTrue(db.autocommit());
        db.exec("begin");
        assertFalse(db.autocommit());
        db.exec("rollback");
        try (Statement st = db.prepare("select * from t")) {
            assertTrue(st.readOnly());
        }
        try (Statement st = db.prepare("delete from t")) {
            assertFalse(st.readOnly());
        }
    }
}
