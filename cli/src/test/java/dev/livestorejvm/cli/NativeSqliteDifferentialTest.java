package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same script through this shell and the native {@code sqlite3} tool (Debian's package, which
 * {@code .ci/run} installs) prints the same bytes in list mode: statement splitting, multi-line
 * input, NULLs, reals, headers and line breaks in values all agree with the tool users know.
 */
class NativeSqliteDifferentialTest {
    private static final String SCRIPT = String.join("\n",
        ".mode list",
        "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, note);",
        "INSERT INTO t(name, score, note) VALUES ('alice', 1.5, NULL), ('bob', 0.1, 'x;y'),",
        "  ('carol', 1e100, 'two",
        "lines'), ('dave', -3, ''), ('ünïcødé', 2.0, 42);",
        "SELECT * FROM t ORDER BY id; SELECT count(*), sum(score) > 1e99 FROM t;",
        "CREATE TRIGGER tr AFTER DELETE ON t BEGIN",
        "  INSERT INTO t(name) VALUES ('deleted ' || old.name);",
        "END;",
        "DELETE FROM t WHERE id = 1;",
        ".headers on",
        "SELECT name, typeof(score) AS kind /* ; */ FROM t",
        "  WHERE name LIKE '%e%' -- ;",
        "  ORDER BY 1;",
        "SELECT printf('%.3f', 2.0/3), 7/2, 7.0/2, 'a|b', quote(x'01ab');",
        "");

    @Test
    void listModeMatchesTheNativeTool() throws Exception {
        Cli.Result ours = Cli.sql(SCRIPT);
        assertEquals("", ours.err());
        assertEquals(nativeSqlite3(SCRIPT), ours.out());
    }

    private static String nativeSqlite3(String script) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("sqlite3", "-batch", ":memory:").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IOException("the native sqlite3 tool is needed (Debian package sqlite3; .ci/run installs it)", e);
        }
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sqlite3 did not finish");
        }
        assertEquals(0, p.exitValue(), "sqlite3 exit code");
        return out;
    }
}
