package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The nesting bound read from SQL text: never below the real depth, not far above it for flat SQL. */
class SqlNestingTest {
    @Test
    void chainsCountOnePerOperator() {
        assertEquals(99, SqlNesting.of("select 1" + "+1".repeat(99)));
        assertEquals(99, SqlNesting.of("select 'a'" + "||'a'".repeat(99)));
    }

    @Test
    void precedenceLevelsAddUpOnlyOnce() {
        // a = 1 AND b = 2 AND ...: the ANDs chain, each = is one level below
        int n = 200;
        StringBuilder s = new StringBuilder("select * from t where a0 = 0");
        for (int i = 1; i < n; i++) s.append(" and a").append(i).append(" = ").append(i);
        assertEquals(n, SqlNesting.of(s.toString()));
    }

    @Test
    void listsAndClausesAreSiblings() {
        String values = "insert into t values " + "(1, 2, 3),".repeat(500) + "(1, 2, 3)";
        assertTrue(SqlNesting.of(values) < 5, "" + SqlNesting.of(values));
        assertTrue(SqlNesting.of("select a+1, b+1, c+1 from t where d = 1 order by e") < 5);
    }

    @Test
    void callsSubqueriesAndCasesWeighMore() {
        assertEquals(10 * SqlNesting.CALL, SqlNesting.of("select " + "abs(".repeat(10) + "1" + ")".repeat(10)));
        assertEquals(10 * SqlNesting.SUBQUERY, SqlNesting.of("select " + "(select ".repeat(10) + "1" + ")".repeat(10)));
        assertEquals(10 * SqlNesting.CASE, SqlNesting.of("select " + "case when 1 then ".repeat(10) + "1" + " end".repeat(10)));
        assertEquals(10, SqlNesting.of("select " + "~".repeat(10) + "1"));
        assertEquals(10, SqlNesting.of("select " + "- ".repeat(10) + "1"));
    }

    @Test
    void stringsCommentsAndQuotedNamesAreNotOperators() {
        assertEquals(1, SqlNesting.of("select 'a+b+c+d' -- + + + +\n + \"x+y\" /* * * * */"));
    }

    @Test
    void aJsonLiteralCountsItsBrackets() {
        assertEquals(50 + SqlNesting.CALL, SqlNesting.of("select json('" + "[".repeat(50) + "]".repeat(50) + "')"));
    }
}
