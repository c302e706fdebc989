package dev.livestorejvm.sqlite;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** {@link Database#prepareFirst}: a script compiled one statement at a time, as JDBC's execute runs it. */
class PrepareFirstTest {
    @RegisterExtension
    static final SqliteFixture sqlite = new SqliteFixture();



    @Test
    void walksAScriptStatementByStatementIncludingATriggerBody() {
        try (Database db = sqlite.runtime().open(":memory:")) {
            String script = "create table t(x, y text);\n"
                + "create trigger tr after insert on t begin update t set y = 'é;' where x = new.x; end;\n"
                + "insert into t(x) values (1); select y from t; -- done\n";
            int n = 0;
            String rest = script;
            String last = null;
            while (true) {
                try (Statement st = db.prepareFirst(rest)) {
                    if (st == null) break;
                    n++;
                    if (st.step()) last = st.getText(0);
                    rest = st.tail();
                }
            }
            assertEquals(4, n);
            assertEquals("é;", last);
        }
    }

    @Test
    void blanksAndCommentsHoldNoStatementAndErrorsCarryTheSql() {
        try (Database db = sqlite.runtime().open(":memory:")) {
            assertNull(db.prepareFirst("  ;; -- nothing\n"));
            try (Statement st = db.prepareFirst("select 1;  ")) {
                assertEquals("", st.tail());
                assertEquals("select 1;  ", st.sql());
            }
            SqliteException e = assertThrows(SqliteException.class, () -> db.prepareFirst("selec 1; select 2"));
            assertEquals(ResultCode.SQLITE_ERROR, e.resultCode());
            assertEquals("selec 1; select 2", e.sql());
        }
    }
}
