package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build step DropInterruptChecks: no generated class calls Chicory's thread-interruption check
 * any more, so an interrupted thread can never leave SQLite's C code half way through (a Chicory
 * upgrade that renamed the check would otherwise bring it back unnoticed). That an interrupted
 * statement runs to its end is HooksTest's; that the module computes what the binary does, the
 * differential tests'.
 */
class InterruptChecksTest {
    private static final byte[] CHECK = "checkInterruption".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(strings = {"WaSqliteDefault", "WaSqliteFts5"})
    void noGeneratedClassCallsTheCheck(String prefix) throws Exception {
        Path dir = Paths.get(Class.forName("dev.livestorejvm.wasm.compiled." + prefix + "Machine")
            .getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/livestorejvm/wasm/compiled");
        List<String> calling = new ArrayList<>();
        int classes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "Machine*.class")) {
            for (Path p : files) {
                classes++;
                // the check's own class declares it (now empty); any other class naming it calls it
                if (!p.getFileName().toString().equals(prefix + "MachineShaded.class") && contains(Files.readAllBytes(p), CHECK)) {
                    calling.add(p.getFileName().toString());
                }
            }
        }
        assertTrue(classes >= 3, "generated classes of " + prefix + " not found in " + dir);
        assertEquals(List.of(), calling, "classes that still call checkInterruption");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "fts5"})
    void theBuildReportsWhatItRemoved(String variant) throws Exception {
        Properties counts = BuildReport.read("interruptChecks.dir", "target/interrupt-checks", variant + ".txt");
        // Chicory checks before every call and loop back-edge: thousands in SQLite
        assertTrue(Integer.parseInt(counts.getProperty("calls")) > 1000, "calls removed in " + variant + ": " + counts);
        assertTrue(Integer.parseInt(counts.getProperty("classes")) >= 2, "classes changed in " + variant + ": " + counts);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) if (haystack[i + k] != needle[k]) continue outer;
            return true;
        }
        return false;
    }
}
