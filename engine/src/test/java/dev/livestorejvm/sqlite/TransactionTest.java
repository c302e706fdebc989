package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TransactionTest {
    private static long count(Database db) {
        try (Statement st = db.prepare("select count(*) from t")) {
            st.step();
            return st.getLong(0);
        }
    }

    @Test
    void commitsOnReturnAndRollsBackOnException() {
        try (Database db = Sqlite.open(":memory:")) {
            db.exec("create table t(x)");
            long n = db.transaction(() -> {
                db.execute("insert into t values (1)");
                db.execute("insert into t values (2)");
                return count(db);
            });
            assertEquals(2, n);
            assertTrue(db.autocommit());
            IllegalStateException boom = assertThrows(IllegalStateException.class, () -> db.transaction(TransactionMode.IMMEDIATE, () -> {
                db.execute("insert into t values (3)");
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", boom.getMessage());
            assertTrue(db.autocommit());
            assertEquals(2, count(db));
        }
    }

    @Test
    void nestedTransactionsAreSavepoints() {
        try (Database db = Sqlite.open(":memory:")) {
            db.exec("create table t(x)");
            db.transaction(() -> {
                db.execute("insert into t values (1)");
                assertThrows(RuntimeException.class, () -> db.transaction(() -> {
                    db.execute("insert into t values (2)");
                    throw new RuntimeException("inner");
                }));
                assertEquals(1, count(db), "inner savepoint rolled back alone");
                db.transaction(() -> db.execute("insert into t values (3)"));
            });
            assertEquals(2, count(db));
        }
    }

    @Test
    void aFailedStatementInsideRollsBackEverything() {
        try (Database db = Sqlite.open(":memory:")) {
            db.exec("create table t(x unique)");
            assertThrows(SqliteException.class, () -> db.transaction(() -> {
                db.execute("insert into t values (1)");
                db.execute("insert into t values (1)");
            }));
            assertEquals(0, count(db));
            assertTrue(db.autocommit());
        }
    }
}
