package dev.livestorejvm.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own parts: splitting, parsing, comparing. A comparison that cannot fail proves nothing. */
class HarnessSelfTest {
    @Test
    void splitsLikeSqlite() {
        assertEquals(List.of("SELECT 1;", "SELECT ';', \"a;b\", [c;d], `e;f`;", "SELECT 2"),
            SqlSplitter.split("SELECT 1; -- c;\nSELECT ';', \"a;b\", [c;d], `e;f`; /* ; */ SELECT 2"));
        assertEquals(List.of("CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; UPDATE x SET a = 'END;'; END;", "SELECT 3;"),
            SqlSplitter.split("CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; UPDATE x SET a = 'END;'; END; SELECT 3;"));
        assertEquals(List.of(), SqlSplitter.split("  -- only a comment\n /* and another */ ;;"));
        assertEquals(List.of("SELECT 'it''s';"), SqlSplitter.split("SELECT 'it''s';"));
    }

    @Test
    void parsesDirectivesAndParameters() {
        Script s = ScriptParser.parse("x.sql", "--! binary fts5\n--! zone Europe/Berlin\n--! seed 9\n--! time 2000-01-01T00:00:00Z\n"
            + "CREATE TABLE t(a);\n--! params 1 -0.0 'it''s' u'a\\0b\\U0001F600' x'00ff' null :n=zeroblob(2) real:7ff8000000000001 9223372036854775807\n"
            + "SELECT ?, ?, ?, ?, ?, ?, :n, ?, ?;\n--! serialize\n--! session start t\n");
        assertEquals("fts5", s.binary());
        assertEquals("Europe/Berlin", s.zone());
        assertEquals(9, s.seed());
        assertEquals(946684800000L, s.timeMillis());
        assertEquals(List.of("sql", "sql", "serialize", "session"), s.steps().stream().map(Script.Step::op).toList());
        List<Param> p = s.steps().get(1).params();
        assertEquals(9, p.size());
        assertEquals(0x8000000000000000L, Double.doubleToRawLongBits(p.get(1).real()));
        assertEquals("it's", new String(p.get(2).bytes(), StandardCharsets.UTF_8));
        assertEquals("a\0b\uD83D\uDE00", new String(p.get(3).bytes(), StandardCharsets.UTF_8));
        assertEquals("blob", p.get(4).type());
        assertEquals(":n", p.get(6).name());
        assertEquals(0x7ff8000000000001L, Double.doubleToRawLongBits(p.get(7).real()));
        assertEquals(Long.MAX_VALUE, p.get(8).integer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScriptParser.parse("bad.sql", "SELECT 1;\n--! frobnicate\n"));
        assertTrue(e.getMessage().startsWith("bad.sql:2:"), e.getMessage());
    }

    @Test
    void theFileFormatRoundTrips() {
        Script g = SqlGenerator.generate(77);
        Script back = ScriptParser.parse("again", g.toText());
        assertEquals(g.toJson().get("steps"), back.toJson().get("steps"));
        assertEquals(g.toJson().get("timeMillis"), back.toJson().get("timeMillis"));
    }

    @Test
    void comparisonSeesOneDifferingBitAndSkipsOnlyPendingSessions() throws Exception {
        ArrayNode node = (ArrayNode) Script.JSON.readTree(
            "[{\"cols\":[\"x\"],\"rows\":[[\"r:8000000000000000\"]]},{\"session\":\"changeset\",\"bytes\":\"54\"},{\"images\":[]}]");
        ArrayNode same = node.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) same.get(1)).removeAll().put("session", "changeset").put("pending", true);
        assertNull(Differential.compare(node, same));
        ArrayNode positiveZero = same.deepCopy();
        ((ArrayNode) positiveZero.get(0).get("rows").get(0)).set(0, Script.JSON.getNodeFactory().textNode("r:0000000000000000"));
        Differential.Mismatch m = Differential.compare(node, positiveZero);
        assertNotNull(m);
        assertEquals(0, m.index());
        ArrayNode shorter = same.deepCopy();
        shorter.remove(2);
        assertEquals(2, Differential.compare(node, shorter).index());
    }

    @Test
    void generatorIsDeterministic() {
        assertEquals(SqlGenerator.generate(5).toText(), SqlGenerator.generate(5).toText());
        assertTrue(!SqlGenerator.generate(5).toText().equals(SqlGenerator.generate(6).toText()));
    }
}
