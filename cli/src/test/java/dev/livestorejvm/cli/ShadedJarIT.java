package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run the way the README runs it: {@code java -jar livestore-jvm.jar ...} as a
 * real process with a script piped to stdin. Runs in {@code verify}, after {@code package}.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("livestore.cli.jar", "target/livestore-jvm.jar"));

    record Run(int code, String out, String err) {}

    private static Run java(String stdin, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built by `package`: " + JAR);
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not finish: " + command);
        }
        return new Run(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    void aPipedScriptPrintsItsTable() throws Exception {
        Run r = java("CREATE TABLE t(id INTEGER, name TEXT);\nINSERT INTO t VALUES (1, 'alice'),\n  (2, NULL);\n"
            + "SELECT * FROM t;\n", "sql");
        assertEquals("", r.err());
        assertEquals(String.join("\n",
            "+----+-------+",
            "| id | name  |",
            "+----+-------+",
            "|  1 | alice |",
            "|  2 | NULL  |",
            "+----+-------+",
            ""), r.out());
        assertEquals(0, r.code());
    }

    @Test
    void theReadmeCommandWithStdinClosedExitsZero() throws Exception {
        Run r = java(null, "sql");
        assertEquals(new Run(0, "", ""), r);
    }

    @Test
    void exitCodesOfTheProcess() throws Exception {
        Run sqlError = java("SELECT * FROM nope;\nSELECT 1;\n", "sql", "--mode", "list");
        assertEquals(1, sqlError.code());
        assertEquals("1\n", sqlError.out());
        assertEquals("Error: near line 1: [SQLITE_ERROR] no such table: nope\n", sqlError.err());
        assertEquals(2, java("", "sql", "--no-such-option").code());
        assertEquals(2, java("").code());
        assertEquals(5, java(".exit 5\n", "sql").code());
    }

    @Test
    void utf8GoesThroughTheProcessUnchanged() throws Exception {
        Run r = java("SELECT 'žluťoučký kůň 🐎' AS t;\n", "sql", "--mode", "json");
        assertEquals("[{\"t\":\"žluťoučký kůň 🐎\"}]\n", r.out());
    }

    @Test
    void versionNamesTheBinary() throws Exception {
        Run r = java(null, "version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("package:        @livestore/wa-sqlite@0.4.0\n"), r.out());
        assertTrue(r.out().contains("sqlite_version: 3.50.4\n"), r.out());
        assertTrue(r.out().matches("(?s).*sha256: +[0-9a-f]{64}\n.*"), r.out());
    }
}
