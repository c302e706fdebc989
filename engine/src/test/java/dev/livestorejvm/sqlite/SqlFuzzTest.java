package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's fuzz suite: {@link SqlFuzz} in a child JVM per Java stack size (-Xss256k, the default,
 * -Xss16m), so that the engine's answer never depends on the caller's stack. Small by default (CI);
 * {@code -Dfuzz.statements=N} and {@code -Dfuzz.seed=S} for longer runs.
 */
class SqlFuzzTest {
    static final int STATEMENTS = Integer.getInteger("fuzz.statements", 60);
    static final long SEED = Long.getLong("fuzz.seed", 19L);

    @ParameterizedTest
    @ValueSource(strings = {"-Xss256k", "", "-Xss16m"})
    void everyStatementEndsCleanlyAndTheRuntimeGoesOn(String xss) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<String>(List.of(java));
        if (!xss.isEmpty()) cmd.add(xss);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SqlFuzz.class.getName(),
            Long.toString(SEED), Integer.toString(STATEMENTS)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "the fuzz run finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("fuzz ok " + STATEMENTS), out);
    }
}
