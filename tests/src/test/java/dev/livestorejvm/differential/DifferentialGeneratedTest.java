package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.livestorejvm.wasm.ExecutionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded random scripts. {@code -Ddifferential.generated=N} sets how many (default 1000, the CI
 * size), {@code -Ddifferential.seed=S} the first seed (default 1; script i uses seed S+i), so a
 * failure's seed reruns it alone: {@code -Ddifferential.seed=<seed> -Ddifferential.generated=1}.
 * Every twentieth script also runs on the interpreter (about 15 times slower).
 */
class DifferentialGeneratedTest {
    static final int COUNT = Integer.getInteger("differential.generated", 1000);
    static final long FIRST_SEED = Long.getLong("differential.seed", 1L);
    static final int INTERPRETED_SHARE = 20;

    @TestFactory
    Stream<DynamicTest> generated() {
        Differential d = Differential.shared();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            long seed = FIRST_SEED + i;
            Script s = SqlGenerator.generate(seed);
            CompletableFuture<ArrayNode> node = d.node.submit(s, false);
            d.stats.scripts.incrementAndGet();
            tests.add(DynamicTest.dynamicTest("seed " + seed, () -> d.check(s, ExecutionMode.COMPILED, node)));
            if (i % INTERPRETED_SHARE == 0) {
                tests.add(DynamicTest.dynamicTest("seed " + seed + " [interpreted]", () -> d.check(s, ExecutionMode.INTERPRETED, node)));
            }
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("[differential] corpus and generated so far: " + Differential.shared().stats);
    }
}
