package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The C stack guard (build step RewriteGlobals, {@link GlobalSlots#setStackPointer}): SQL deep enough
 * to run SQLite's 512 KiB C stack out, given all the Java stack it wants, traps with
 * {@link CStackOverflow} before a frame lands on the data below the stack (the pointer never goes below its end). Issue 19's first
 * reproduction: without the guard the frames overwrote SQLite's static data and later statements
 * failed with nonsense ({@code near "create": syntax error}).
 */
class CStackGuardTest {
    @Test
    void aStackOverflowTrapsAndLeavesTheDataBelowTheStackAlone() throws Exception {
        SqliteModule m = SqliteModule.load(SqliteModule.Options.defaults());
        WasmInstance wasm = instance(m);
        int end = ((GlobalSlots) wasm.memory).stackEnd;
        assertTrue(end > 0, "the guard has a bound: " + end);
        int db = m.openV2(":memory:", 0x6, null).db();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread big = new Thread(null, () -> {
            try {
                m.exec(db, "select 1" + "+1".repeat(6000));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "big-stack", 1L << 30);
        big.start();
        big.join();
        assertInstanceOf(WasmAbort.class, thrown.get(), "expected a trap, got " + thrown.get());
        assertInstanceOf(CStackOverflow.class, thrown.get().getCause(), "the trap is the guard's: " + chain(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("C stack overflow"), thrown.get().getMessage());
        assertTrue(m.failed());
        // the frame that would have crossed the end was refused: the pointer never went below it
        assertTrue(((GlobalSlots) wasm.memory).g0 >= end, "stack pointer " + ((GlobalSlots) wasm.memory).g0 + " end " + end);
        assertTrue(thrown.get().getMessage().contains("the stack ends at " + end), thrown.get().getMessage());
    }

    /**
     * The interpreter runs {@code global.set} on Chicory's global object, which the build step never
     * sees: before {@link GuardedStackPointer}, the same SQL ran the stack over SQLite's data there.
     */
    @Test
    void theInterpreterTrapsToo() throws Exception {
        SqliteModule m = SqliteModule.load(SqliteModule.Options.defaults().withMode(ExecutionMode.INTERPRETED));
        WasmInstance wasm = instance(m);
        GuardedStackPointer sp = assertInstanceOf(GuardedStackPointer.class, wasm.instance.global(0), "global 0 is guarded");
        int end = sp.stackEnd();
        int db = m.openV2(":memory:", 0x6, null).db();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread big = new Thread(null, () -> {
            try {
                m.exec(db, "select 1" + "+1".repeat(6000));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "big-stack", 1L << 30);
        big.start();
        big.join();
        assertInstanceOf(WasmAbort.class, thrown.get(), "expected a trap, got " + chain(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("C stack overflow") && thrown.get().getMessage().contains("the stack ends at " + end),
            thrown.get().getMessage());
        assertTrue(m.failed());
        assertTrue((int) sp.getValue() >= end, "stack pointer " + sp.getValue() + " end " + end);
    }

    @Test
    void theBoundLiesAboveEveryDataSegment() throws Exception {
        for (WasmBinary b : WasmBinary.values()) {
            SqliteModule m = SqliteModule.load(SqliteModule.Options.defaults().withBinary(b));
            GlobalSlots slots = (GlobalSlots) instance(m).memory;
            WasmModule module;
            try (InputStream in = WasmInstance.class.getResourceAsStream(BinaryInfo.of(b).resource())) {
                module = Parser.parse(in);
            }
            int top = (int) module.globalSection().getGlobal(0).initInstructions().get(0).operand(0);
            assertEquals(top - WasmInstance.STACK_SIZE, slots.stackEnd, b + ": 512 KiB below the stack's top");
            assertEquals(slots.stackEnd, WasmInstance.stackEnd(module, top), b.toString());
        }
    }

    private static String chain(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (; t != null; t = t.getCause()) s.append(" <- ").append(t);
        return s.toString();
    }

    private static WasmInstance instance(SqliteModule m) throws Exception {
        Field f = SqliteModule.class.getDeclaredField("wasm");
        f.setAccessible(true);
        return (WasmInstance) f.get(m);
    }
}
