package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build's huge-method report (ReportHugeMethods) after outlining: no method compiled from a
 * wasm function is over HotSpot's 8,000-byte limit, so all of SQLite gets JIT-compiled. What may
 * remain is Chicory's own export dispatcher ({@code call_dispatch_*}), which the hot exports
 * bypass (HotCalls).
 */
class CompiledMethodSizesTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "fts5"})
    void noWasmFunctionIsTooBigToJitCompile(String variant) throws Exception {
        assumeOutliningOn();
        Path report = Paths.get(System.getProperty("hugeMethods.dir", "target/huge-methods"), variant + ".txt");
        assertTrue(Files.isRegularFile(report), "the build wrote no huge-method report at " + report);
        List<String> functions = Files.readAllLines(report).stream()
            .filter(l -> !l.isBlank() && !l.contains(".call_dispatch_"))
            .collect(Collectors.toList());
        assertEquals(List.of(), functions, "generated methods over 8,000 bytes in " + variant);
    }

    /** Skips the calling test in a build made with the outliner off (-Doutline.threshold=100000000). */
    static void assumeOutliningOn() {
        long threshold = Long.parseLong(System.getProperty("outline.threshold", "0"));
        assumeTrue(threshold > 0 && threshold < 100_000, "outlining is off in this build (-Doutline.threshold)");
    }
}
