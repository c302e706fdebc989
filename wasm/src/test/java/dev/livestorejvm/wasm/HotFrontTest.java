package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OutlineWasm's hot front: in both modules the outliner found the VDBE (by its opcode-name table
 * and the switch on the opcode byte) and put every configured opcode's case in front of the moved
 * nest. A Chicory or binary change that made it miss the VDBE fails the build; one that made it
 * place fewer cases fails here. That the module still computes what the binary does (hot cases and
 * the rest alike) is the differential tests' job.
 */
class HotFrontTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "fts5"})
    void everyHotOpcodeHasItsCaseInFrontOfTheVdbeNest(String variant) throws Exception {
        CompiledMethodSizesTest.assumeOutliningOn();
        String hot = System.getProperty("outline.hotOpcodes", "");
        assumeFalse(hot.isBlank(), "no hot opcodes configured (-Doutline.hotOpcodes=)");
        Properties front = BuildReport.read("outline.dir", "target/wa-sqlite", variant + ".outlined.wasm.hot");
        assertEquals(hot.split(",").length, Integer.parseInt(front.getProperty("opcodes", "0")), "hot opcodes placed in " + variant + ": " + front);
        int bodies = Integer.parseInt(front.getProperty("bodies"));
        assertTrue(bodies >= 20, "case bodies in front in " + variant + ": " + front);
        assertTrue(Integer.parseInt(front.getProperty("function")) > 0, variant + ": " + front);
    }
}
