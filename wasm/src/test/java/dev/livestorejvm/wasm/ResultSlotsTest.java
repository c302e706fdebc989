package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build step RewriteResults: the outlined functions hand their extra results back through
 * {@link ResultSlots}, and every one of them is called that way (a Chicory upgrade that changed the
 * shape of its call sites would otherwise leave the twins unused and the speed quietly gone).
 * That the rewritten module computes what the binary does is the differential tests' job.
 */
class ResultSlotsTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "fts5"})
    void everyOutlinedFunctionWithResultsReturnsThroughTheSlots(String variant) throws Exception {
        CompiledMethodSizesTest.assumeOutliningOn();
        Properties counts = BuildReport.read("rewriteResults.dir", "target/rewrite-results", variant + ".txt");
        int twins = Integer.parseInt(counts.getProperty("twins"));
        int multiValue = Integer.parseInt(counts.getProperty("multiValue"));
        assertTrue(twins > 0 && twins >= multiValue * 9 / 10, "only " + twins + " of " + multiValue + " multi-value functions rewritten in " + variant);
        // a case stub can sit twice (in the VDBE's hot front and in the nest behind it)
        assertTrue(Integer.parseInt(counts.getProperty("sites")) >= twins, "rewritten functions never called through the slots in " + variant);
        assertEquals(0, Integer.parseInt(counts.getProperty("arraySites")), "call sites of the rewritten functions that still unpack an array in " + variant);
        int maxSlot = Integer.parseInt(counts.getProperty("maxSlot"));
        assertTrue(maxSlot <= ResultSlots.COUNT, "slot r" + maxSlot + " used but ResultSlots has " + ResultSlots.COUNT);
    }

    @Test
    void slotsArePublicLongFieldsOneToCount() throws Exception {
        for (int k = 1; k <= ResultSlots.COUNT; k++) {
            Field f = ResultSlots.class.getField("r" + k);
            assertEquals(long.class, f.getType(), f.getName());
            assertTrue(!Modifier.isStatic(f.getModifiers()), f.getName() + " must belong to the instance");
        }
    }
}
