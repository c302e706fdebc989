package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/** A report a build step wrote (key=value lines), read by the test that checks that step. */
final class BuildReport {
    private BuildReport() {}

    /**
     * The report {@code file} in the directory the system property {@code dirProperty} names
     * (set by the pom for the tests), else {@code defaultDir}; fails if the build wrote none.
     */
    static Properties read(String dirProperty, String defaultDir, String file) throws IOException {
        Path report = Paths.get(System.getProperty(dirProperty, defaultDir), file);
        assertTrue(Files.isRegularFile(report), "the build wrote no report at " + report);
        Properties counts = new Properties();
        try (var in = Files.newBufferedReader(report)) {
            counts.load(in);
        }
        return counts;
    }
}
