package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every output mode, on values of every storage class, NULL, a blob, and text with line breaks. */
class OutputModesTest {
    private static final String DATA = String.join("\n",
        "CREATE TABLE t(id INTEGER, x, label TEXT);",
        "INSERT INTO t VALUES (1, 22.5, 'plain'), (20, NULL, 'a,\"b'), (3, x'00ff', 'two",
        "lines'), (4, '', NULL);",
        "");
    private static final String QUERY = "SELECT * FROM t ORDER BY rowid;\n";

    private static Cli.Result run(String settings) {
        Cli.Result r = Cli.sql(DATA + settings + QUERY);
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    @Test
    void tableIsTheDefaultAndShowsNullAsNull() {
        assertEquals(String.join("\n",
            "+----+---------+-------+",
            "| id |    x    | label |",
            "+----+---------+-------+",
            "|  1 |    22.5 | plain |",
            "+----+---------+-------+",
            "| 20 | NULL    | a,\"b  |",
            "+----+---------+-------+",
            "|  3 | X'00FF' | two   |",
            "|    |         | lines |",
            "+----+---------+-------+",
            "|  4 |         | NULL  |",
            "+----+---------+-------+",
            ""), run("").out());
    }

    @Test
    void tableWithoutLineBreaksHasNoRulesBetweenRows() {
        Cli.Result r = Cli.sql("SELECT 1 AS a, 'x' AS bb UNION ALL SELECT 100, NULL;");
        assertEquals(String.join("\n",
            "+-----+------+",
            "|  a  |  bb  |",
            "+-----+------+",
            "|   1 | x    |",
            "| 100 | NULL |",
            "+-----+------+",
            ""), r.out());
    }

    @Test
    void boxFramesWithBoxDrawingCharacters() {
        Cli.Result r = Cli.sql(".mode box\nSELECT 1 AS a, 'žluť' AS b, NULL AS c;");
        assertEquals(String.join("\n",
            "┌───┬──────┬──────┐",
            "│ a │  b   │  c   │",
            "├───┼──────┼──────┤",
            "│ 1 │ žluť │ NULL │",
            "└───┴──────┴──────┘",
            ""), r.out());
    }

    @Test
    void listJoinsWithPipesAndShowsNullAsEmpty() {
        assertEquals(String.join("\n",
            "1|22.5|plain",
            "20||a,\"b",
            "3|X'00FF'|two",
            "lines",
            "4||",
            ""), run(".mode list\n").out());
    }

    @Test
    void listPrintsHeadersWhenAsked() {
        assertTrue(run(".mode list\n.headers on\n").out().startsWith("id|x|label\n1|22.5|plain\n"));
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndKeepsNullApartFromEmpty() {
        assertEquals(String.join("\r\n",
            "id,x,label",
            "1,22.5,plain",
            "20,,\"a,\"\"b\"",
            "3,X'00FF',\"two\nlines\"",
            "4,\"\",",
            ""), run(".mode csv\n.headers on\n").out());
        assertTrue(run(".mode csv\n").out().startsWith("1,22.5,plain\r\n"), "no header unless .headers on");
    }

    @Test
    void jsonIsAnArrayOfObjectsOneALine() throws Exception {
        String out = run(".mode json\n").out();
        assertEquals(String.join("\n",
            "[{\"id\":1,\"x\":22.5,\"label\":\"plain\"},",
            "{\"id\":20,\"x\":null,\"label\":\"a,\\\"b\"},",
            "{\"id\":3,\"x\":\"X'00FF'\",\"label\":\"two\\nlines\"},",
            "{\"id\":4,\"x\":\"\",\"label\":null}]",
            ""), out);
        JsonNode rows = new ObjectMapper().readTree(out);
        assertEquals(4, rows.size());
        assertEquals("two\nlines", rows.get(2).get("label").asText());
        assertTrue(rows.get(1).get("x").isNull());
    }

    @Test
    void jsonWritesSqliteRealsAsJsonNumbers() throws Exception {
        String out = Cli.sql(".mode json\nSELECT 1e100 AS big, 0.1 AS tenth, -7 AS neg, 1e999 AS inf;").out();
        JsonNode row = new ObjectMapper().readTree(out).get(0);
        assertEquals(1e100, row.get("big").asDouble());
        assertEquals(0.1, row.get("tenth").asDouble());
        assertEquals(-7, row.get("neg").asLong());
        assertEquals(Double.POSITIVE_INFINITY, row.get("inf").asDouble());
    }

    @Test
    void aQueryWithoutRowsPrintsNothingInEveryMode() {
        for (OutputMode m : OutputMode.values()) {
            Cli.Result r = Cli.sql(".mode " + m.label() + "\n.headers on\nSELECT 1 AS a WHERE 0;");
            assertEquals("", r.out(), m.label());
            assertEquals(0, r.code());
        }
    }

    @Test
    void modeAndHeadersCanBeSetOnTheCommandLine() {
        Cli.Result r = Cli.run("", "sql", "--mode", "csv", "--headers", "SELECT 1 AS a, 'b c' AS b");
        assertEquals("a,b\r\n1,b c\r\n", r.out());
        Cli.Result bad = Cli.run("", "sql", "--mode", "xml", "SELECT 1");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("--mode xml"), bad::toString);
    }
}
