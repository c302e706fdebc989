package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.sqlite.SqliteBinaryInfo;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code version}: what the binary in the jar is, as the engine reports it. */
class VersionCommandTest {
    private static Map<String, String> fields(String out) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return fields;
    }

    @Test
    void printsPackageHashAndSqliteVersionOfTheBinary() {
        Cli.Result r = Cli.run("", "version");
        assertEquals(0, r.code(), r::toString);
        Map<String, String> f = fields(r.out());
        try (SqliteRuntime runtime = SqliteRuntime.create()) {
            SqliteBinaryInfo info = runtime.binaryInfo();
            assertEquals("@livestore/wa-sqlite@0.4.0", f.get("package"));
            assertEquals(info.sha256(), f.get("sha256"));
            assertTrue(f.get("sha256").matches("[0-9a-f]{64}"), f.get("sha256"));
            assertEquals("3.50.4", f.get("sqlite_version"));
            assertEquals(info.sourceId(), f.get("source_id"));
            assertTrue(f.get("source_id").startsWith("2025-07-30 "), f.get("source_id"));
            assertEquals("compiled", f.get("execution"));
        }
    }

    @Test
    void reportsTheFts5BuildAndTheInterpreterWhenChosen() {
        Map<String, String> f = fields(Cli.run("", "version", "--fts5", "--interpreted").out());
        assertTrue(f.get("binary").endsWith("(fts5)"), f.get("binary"));
        assertEquals("interpreted", f.get("execution"));
        Map<String, String> plain = fields(Cli.run("", "version").out());
        assertTrue(!f.get("sha256").equals(plain.get("sha256")), "the FTS5 build is another binary");
    }
}
