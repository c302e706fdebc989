package dev.livestorejvm.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.livestorejvm.wasm.ExecutionMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written corpus (src/test/resources/differential/corpus, one file per case): every script
 * on the compiled engine, and on the interpreter where the script asks for it and for every eighth.
 */
class DifferentialCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/differential/corpus");
    static final int INTERPRETED_SHARE = 8;

    static List<Script> load() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        List<Script> scripts = new ArrayList<>();
        for (Path f : files) scripts.add(ScriptParser.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
        return scripts;
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        Differential d = Differential.shared();
        List<Script> scripts = load();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            Script s = scripts.get(i);
            CompletableFuture<ArrayNode> node = d.node.submit(s, false);   // Node runs ahead on its own core
            d.stats.scripts.incrementAndGet();
            tests.add(DynamicTest.dynamicTest(s.name(), () -> d.check(s, ExecutionMode.COMPILED, node)));
            if (s.interpreted() || i % INTERPRETED_SHARE == 0) {
                tests.add(DynamicTest.dynamicTest(s.name() + " [interpreted]", () -> d.check(s, ExecutionMode.INTERPRETED, node)));
            }
        }
        return tests.stream();
    }

    @Test
    void corpusHoldsAtLeast200Scripts() throws IOException {
        int n = load().size();
        assertTrue(n >= 200, "the corpus holds at least 200 scripts, found " + n);
    }

    @AfterAll
    static void summary() {
        System.out.println("[differential] corpus and generated so far: " + Differential.shared().stats);
    }
}
