package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: deep SQL reached through stored views and triggers. {@code SELECT n FROM v} is short,
 * so its text said nothing of the 3,000-term expression the view expands to; it ran on the caller's
 * thread and a small Java stack overflowed inside the module, which stopped for good. Now the
 * views and triggers a statement names count into its nesting ({@link SchemaNesting}): such a
 * statement runs on the deep stack and gives V8's result (V8 handles these depths), or, past the
 * engine's limit, a clean SQLITE_ERROR after which the runtime goes on.
 */
class DeepSchemaTest {
    static final long SMALL_STACK = 256 << 10;

    SqliteRuntime rt;
    Database db;

    @BeforeEach
    void open() {
        rt = SqliteRuntime.create();
        db = rt.open(":memory:");
    }

    @AfterEach
    void close() {
        rt.close();
    }

    static String terms(int n) {
        return "1" + "+1".repeat(n - 1);
    }

    private String one(String sql) throws Throwable {
        return DeepStatementsTest.onThread(SMALL_STACK, () -> {
            try (Statement st = db.prepare(sql)) {
                assertTrue(st.step(), sql);
                return st.getText(0);
            }
        });
    }

    @Test
    void aDeepViewGivesItsResultOnASmallStack() throws Throwable {
        db.exec("create view v as select " + terms(3000) + " as n");
        assertEquals("3000", one("select n from v"));
        db.exec("create view w as select n + 1 as n from v; create view x as select n + 1 as n from w");
        assertEquals("3002", one("select n from x"), "a view over views over the deep one");
        assertFalse(rt.isFailed());
    }

    @Test
    void aDeepTriggerRunsOnASmallStack() throws Throwable {
        db.exec("create table t(x); create table u(y); create table w(z);"
            + "create trigger tr after insert on t begin insert into u values (" + terms(2000) + "); end;"
            + "create trigger tu after insert on u begin insert into w values (new.y + " + terms(1000) + "); end;");
        DeepStatementsTest.onThread(SMALL_STACK, () -> db.execute("insert into t values (1)"));
        assertEquals("2000", one("select y from u"));
        assertEquals("3000", one("select z from w"), "the trigger the first one fires");
        assertFalse(rt.isFailed());
    }

    @Test
    void tooDeepThroughAViewIsACleanErrorAndTheRuntimeGoesOn() throws Throwable {
        db.exec("create view v as select " + terms(3000) + " as n");
        SqliteException e = assertThrows(SqliteException.class, () -> one("select (select n from v) + " + terms(1000)));
        assertEquals(ResultCode.SQLITE_ERROR, e.resultCode());
        assertTrue(e.getMessage().contains("Expression tree is too large") && e.getMessage().contains("views and triggers"), e.getMessage());
        assertFalse(rt.isFailed());
        assertEquals("3000", one("select n from v"));
    }

    @Test
    void aViewCreatedLaterIsCounted() throws Throwable {
        assertEquals("1", one("select 1"));   // a new :memory: database: its (empty) schema is not read
        try (Statement create = db.prepare("create view v as select " + terms(3000) + " as n")) {
            create.executeUpdate();
        }
        assertEquals("3000", one("select n from v"));
        db.exec("drop view v; create view v as select " + terms(2500) + " as n");
        assertEquals("2500", one("select n from \"V\""));
    }

    @Test
    void aDeepSchemaLoadsOnASmallStack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Throwable {
        String file = dir.resolve("v.db").toString();
        try (Database first = rt.open(file)) {
            first.exec("create view v as select " + terms(3400) + " as n");
        }
        db = rt.open(file);   // a new connection parses the schema, the view's text with it, at its first statement
        assertEquals("1", one("select 1"));
        assertEquals("3400", one("select n from v"));
        assertFalse(rt.isFailed());
    }

    @Test
    void aDeepSchemaAttachedToAnEmptyMemoryDatabaseIsCounted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Throwable {
        String file = dir.resolve("v.db").toString();
        try (Database first = rt.open(file)) {
            first.exec("create view v as select " + terms(3400) + " as n");
        }
        assertEquals("1", one("select 1"));   // db is a new :memory: database: nothing to read yet
        // (ATTACH parses the attached schema on the caller's thread, whose stack must fit it: not the point here)
        DeepStatementsTest.onThread(DeepStack.STACK_BYTES, () -> {
            db.exec("attach '" + file.replace("'", "''") + "' as a");
            return null;
        });
        assertEquals("1", one("select 1"));
        assertEquals("3400", one("select n from a.v"));
        assertFalse(rt.isFailed());
    }

    @Test
    void aDeserializedSchemaIsCounted() throws Throwable {
        byte[] image;
        try (Database other = rt.open(":memory:")) {
            other.exec("create view v as select " + terms(3000) + " as n");
            image = other.serialize();
        }
        assertEquals("1", one("select 1"));   // this connection's schema is still empty: not read
        db.deserialize(image);
        assertEquals("1", one("select 1"), "SQLite parses the new schema at any first statement: read on the deep stack");
        assertEquals("3000", one("select n from v"));
        assertFalse(rt.isFailed());
    }

    @Test
    void namesAreMatchedAsIdentifiersOnly() {
        SchemaNesting s = SchemaNesting.of(java.util.List.of(new SchemaNesting.Entry("view", "v", "v", "create view v as select " + terms(100))));
        assertTrue(s.added("select * from v") > 100);
        assertTrue(s.added("select * from [V]") > 100);
        assertEquals(0, s.added("select 'v' from vv -- v"));
        assertTrue(SchemaNesting.namesNoSchemaObject("select 1"));
        assertTrue(SchemaNesting.namesNoSchemaObject("SELECT 1 UNION ALL VALUES (2) -- v"));
        assertTrue(SchemaNesting.namesNoSchemaObject("select 'v', 2 where 1 in (1, 2)"));
        assertFalse(SchemaNesting.namesNoSchemaObject("select * from v"));
        assertFalse(SchemaNesting.namesNoSchemaObject("select abs(1)"));
        assertFalse(SchemaNesting.namesNoSchemaObject("select \"select\""), "a quoted reserved word is a name");
        assertFalse(SchemaNesting.namesNoSchemaObject("select [select]"));
        assertTrue(SchemaNesting.changesSchema("  CREATE table x(y)"));
        assertFalse(SchemaNesting.changesSchema("select created_at, dropped from t"));
    }
}
