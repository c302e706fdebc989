import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import dev.livestorejvm.wasm.GlobalSlots;
import dev.livestorejvm.wasm.TestMemories;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build steps that rewrite the classes Chicory's compiler generates (RewriteResults,
 * DropInterruptChecks, RewriteGlobals, RewriteAddresses), each run as the build runs it ({@code main} on a directory
 * of classes) on a small module compiled here the way the chicory-compiler plugin compiles the
 * binaries: the rewritten classes load (the JVM verifies them), rewrite what each step is for, and
 * compute what the module computes on Chicory's interpreter.
 */
class ClassRewritesTest {
    /** The compiled module's classes: {@code t.XMachine}, {@code t.XMachineFuncGroup_0}, {@code t.XMachineShaded}, ... */
    static final String PACKAGE = "t", PREFIX = "X";
    static final int STACK = 4096, FRAME = 32;

    /**
     * {@code run(n, x) -> i64}: a loop of n calls of a function with three results (i32, i64, i32:
     * the shape an outlined piece has) and of one with an f64 among its results, inside a frame on the shadow stack (global 0 moved down and
     * back, as Emscripten's code does); the result mixes in global 0 and global 1.
     * {@code push(n) -> i32}: moves global 0 down by n and returns it.
     */
    static byte[] module() {
        WasmAssembler m = new WasmAssembler();
        m.memory(1);
        m.global(STACK);
        m.global(7);
        int step = m.func(null, "i32 i64", "i32 i64 i32", "",
            "local.get 0 i32.const 1 i32.add  local.get 1 local.get 0 i64.extend_i32_s i64.const 3 i64.add i64.mul  local.get 0 i32.const 7 i32.xor");
        // an f64 among the extra results: no slot for it, the function keeps returning an array
        int half = m.func(null, "i64", "i32 f64", "", "local.get 0 i32.wrap_i64 local.get 0 f64.convert_i64_s f64.const 0.5 f64.mul");
        // n 0, x 1; i 2, acc 3, k 4, sp 5
        m.func("run", "i32 i64", "i64", "i32 i64 i32 i32", String.join("\n",
            "global.get 0 i32.const " + FRAME + " i32.sub local.tee 5 global.set 0",
            "local.get 5 local.get 1 i64.store",
            "local.get 1 local.set 3",
            "block loop",
            "  local.get 2 local.get 0 i32.ge_s br_if 1",
            "  local.get 2 local.get 3 call " + step,
            "  local.set 4 local.set 3 local.set 2",
            "  local.get 3 local.get 4 i64.extend_i32_u i64.xor local.set 3",
            "  local.get 3 call " + half + " i64.trunc_f64_s local.get 3 i64.add local.set 3 i64.extend_i32_s local.get 3 i64.xor local.set 3",
            "  br 0",
            "end end",
            "local.get 3 local.get 5 i64.load i64.add",
            "global.get 0 i32.const " + FRAME + " i32.add global.set 0",
            "global.get 0 i64.extend_i32_u i64.add",
            "global.get 1 i64.extend_i32_u i64.add"));
        m.func("push", "i32", "i32", "", "global.get 0 local.get 0 i32.sub global.set 0 global.get 0");
        return m.toBytes();
    }

    static final long[][] INPUTS = WasmRuns.inputs(new long[] {0, 1, 5, 40}, new long[] {0, 3, -1, 1L << 40}).toArray(long[][]::new);

    /** Compiles the module with Chicory's compiler (as its Maven plugin does) into {@code dir}; returns the classes' package directory. */
    static Path compile(byte[] wasm, Path dir) throws IOException {
        Map<String, byte[]> classes = Compiler.builder(WasmRuns.parse(wasm)).withClassName(PACKAGE + "." + PREFIX + "Machine").build().compile().classBytes();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            Path file = dir.resolve(c.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, c.getValue());
        }
        return dir.resolve(PACKAGE);
    }

    /** An instance running the classes in {@code dir} on the project's memory, global 0 copied into its field as WasmInstance does. */
    static Instance instance(byte[] wasm, Path dir) throws Exception {
        ClassLoader loader = new ClassLoader(ClassRewritesTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                Path file = dir.resolve(name.replace('.', '/') + ".class");
                if (!Files.isRegularFile(file)) throw new ClassNotFoundException(name);
                try {
                    byte[] b = Files.readAllBytes(file);
                    return defineClass(name, b, 0, b.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Constructor<?> machine = loader.loadClass(PACKAGE + "." + PREFIX + "Machine").getConstructor(Instance.class);
        WasmModule module = WasmRuns.parse(wasm);
        Instance instance = Instance.builder(module)
            .withMemoryFactory(TestMemories::flat)
            .withMachineFactory(i -> {
                try {
                    return (Machine) machine.newInstance(i);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            })
            .build();
        ((GlobalSlots) instance.memory()).g0 = instance.global(0).getValue();
        return instance;
    }

    /** Runs a step's main as the build does; returns its report. */
    static Properties step(String step, Path classes, Path report) throws Exception {
        String[] args = {classes.toString(), PREFIX, report.toString()};
        switch (step) {
            case "results": RewriteResults.main(args); break;
            case "interrupts": DropInterruptChecks.main(args); break;
            case "globals": RewriteGlobals.main(args); break;
            case "addresses": RewriteAddresses.main(args); break;
            default: throw new IllegalArgumentException(step);
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(report)));
        return p;
    }

    static int count(Properties report, String key) {
        return Integer.parseInt(report.getProperty(key));
    }

    /** What {@code run} computes on the rewritten classes equals what it computes on Chicory's interpreter, for every input. */
    static void assertComputesTheSame(byte[] wasm, Path dir) throws Exception {
        List<String> results = new ArrayList<>();
        for (long[] in : INPUTS) {
            String want = new WasmRuns.Loaded(wasm, false).call("run", in);
            assertEquals(want, Arrays.toString(instance(wasm, dir).export("run").apply(in)), "run" + Arrays.toString(in));
            results.add(want);
        }
        assertEquals(INPUTS.length, results.stream().distinct().count(), "inputs with equal results: " + results);
    }

    @Test
    void rewriteResultsReturnsTheExtraResultsThroughTheSlots(@TempDir Path tmp) throws Exception {
        byte[] wasm = module();
        Path classes = compile(wasm, tmp.resolve("classes"));
        Properties r = step("results", classes, tmp.resolve("results.txt"));
        assertEquals(2, count(r, "multiValue"), r.toString());
        assertEquals(1, count(r, "twins"), r.toString());
        assertEquals(1, count(r, "sites"), r.toString());
        assertEquals(0, count(r, "arraySites"), r.toString());
        assertEquals(2, count(r, "maxSlot"), r.toString());
        assertComputesTheSame(wasm, tmp.resolve("classes"));
    }

    @Test
    void dropInterruptChecksLetsAnInterruptedThreadRunToTheEnd(@TempDir Path tmp) throws Exception {
        byte[] wasm = module();
        Path classes = compile(wasm, tmp.resolve("classes"));
        Instance before = instance(wasm, tmp.resolve("classes"));
        Thread.currentThread().interrupt();
        try {
            assertThrows(RuntimeException.class, () -> before.export("run").apply(5, 3), "Chicory's code stops at an interrupted thread");
        } finally {
            Thread.interrupted();
        }

        Properties r = step("interrupts", classes, tmp.resolve("interrupts.txt"));
        assertTrue(count(r, "calls") >= 2, "a check before the call and one at the loop's back-edge: " + r);
        Instance after = instance(wasm, tmp.resolve("classes"));
        String want = new WasmRuns.Loaded(wasm, false).call("run", 5, 3);
        Thread.currentThread().interrupt();
        try {
            assertEquals(want, Arrays.toString(after.export("run").apply(5, 3)));
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays for the caller to see");
        } finally {
            Thread.interrupted();
        }
        assertComputesTheSame(wasm, tmp.resolve("classes"));
    }

    @Test
    void rewriteGlobalsKeepsGlobalZeroInTheMemorysField(@TempDir Path tmp) throws Exception {
        byte[] wasm = module();
        Path classes = compile(wasm, tmp.resolve("classes"));
        Properties r = step("globals", classes, tmp.resolve("globals.txt"));
        // run: 3 reads, 2 writes; push: 2 reads, 1 write; global 1 (read once) stays as it was
        assertEquals(5, count(r, "reads"), r.toString());
        assertEquals(3, count(r, "writes"), r.toString());
        assertEquals(1, count(r, "others"), r.toString());

        Instance instance = instance(wasm, tmp.resolve("classes"));
        assertEquals(STACK - 100, instance.export("push").apply(100)[0]);
        assertEquals(STACK - 100, ((GlobalSlots) instance.memory()).g0, "global 0 lives in the field");
        assertEquals(STACK, instance.global(0).getValue(), "Chicory's global is no longer written");
        assertComputesTheSame(wasm, tmp.resolve("classes"));
    }

    @Test
    void allThreeInTheBuildsOrderComputeTheSame(@TempDir Path tmp) throws Exception {
        byte[] wasm = module();
        Path classes = compile(wasm, tmp.resolve("classes"));
        step("results", classes, tmp.resolve("results.txt"));
        step("interrupts", classes, tmp.resolve("interrupts.txt"));
        Properties g = step("globals", classes, tmp.resolve("globals.txt"));
        assertEquals(5, count(g, "reads"), "the twin RewriteResults made reads no global: " + g);
        step("addresses", classes, tmp.resolve("addresses.txt"));
        assertComputesTheSame(wasm, tmp.resolve("classes"));
    }

    @Test
    void eachStepRefusesClassesItRewroteAlready(@TempDir Path tmp) throws Exception {
        Path classes = compile(module(), tmp.resolve("classes"));
        for (String s : List.of("results", "interrupts", "globals", "addresses")) {
            step(s, classes, tmp.resolve(s + ".txt"));
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> step(s, classes, tmp.resolve(s + ".again.txt")), s);
            assertTrue(again.getMessage().contains("already"), again.getMessage());
        }
    }

    /**
     * {@code near(base) -> i32}: {@code i32.load offset=8}; {@code far(base) -> i32}: {@code i32.load offset=2000};
     * {@code put(base, v)}: {@code i32.store offset=8}, then the word at address 4. One page; the word at 4 is 0x1234.
     */
    static byte[] addressModule() {
        WasmAssembler m = new WasmAssembler();
        m.memory(1);
        m.global(STACK);   // the stack pointer instance() copies, unused here
        m.data(4, new byte[] {0x34, 0x12, 0, 0});
        m.data(2004, new byte[] {0x78, 0x56, 0, 0});
        m.data(65532, new byte[] {1, 0, 0, 0});
        m.func("near", "i32", "i32", "", "local.get 0 i32.load offset=8");
        m.func("far", "i32", "i32", "", "local.get 0 i32.load offset=2000");
        m.func("put", "i32 i32", "i32", "", "local.get 0 local.get 1 i32.store offset=8 i32.const 4 i32.load");
        return m.toBytes();
    }

    /** An export's i32 result, or "trap" (whatever the exception's class). */
    static String result(Instance instance, String name, long... args) {
        try {
            return Arrays.toString(Arrays.stream(instance.export(name).apply(args)).map(v -> (int) v).toArray());
        } catch (RuntimeException trap) {
            return "trap";
        }
    }

    @Test
    void rewriteAddressesAddsSmallOffsetsPlainlyTheDocumentedDeviation(@TempDir Path tmp) throws Exception {
        byte[] wasm = addressModule();
        Path classes = compile(wasm, tmp.resolve("classes"));
        Properties r = step("addresses", classes, tmp.resolve("addresses.txt"));
        // near's load, put's store and its load at offset 0; far's offset of 2000 keeps getAddr
        assertEquals(3, count(r, "near"), r.toString());
        assertEquals(1, count(r, "far"), r.toString());

        Instance interpreter = Instance.builder(WasmRuns.parse(wasm)).withMemoryFactory(TestMemories::flat).build();
        Instance compiled = instance(wasm, tmp.resolve("classes"));
        // every base that well-formed code forms, and those far below 4 GiB: as on Chicory's interpreter, traps included
        long[] bases = {0, 100, 65532 - 8, 65532 - 7, 65536, Integer.MAX_VALUE, -1025, -2004, Integer.MIN_VALUE};
        List<String> seen = new ArrayList<>();
        for (long base : bases) {
            for (String f : List.of("near", "far")) {
                String want = result(interpreter, f, base);
                assertEquals(want, result(compiled, f, base), f + "(" + base + ")");
                seen.add(want);
            }
            assertEquals(result(interpreter, "put", base, 7), result(compiled, "put", base, 7), "put(" + base + ")");
        }
        assertTrue(seen.contains("[1]") && seen.contains("trap") && seen.contains("[0]"), "reads in and out of bounds: " + seen);
        assertEquals("[22136]", result(compiled, "far", 4));
        assertEquals("trap", result(compiled, "far", -4), "offsets over 1,024 keep the exact address");

        // the deviation: a base within 1,024 bytes below 4 GiB (0xFFFFFFFC here) reads and writes a low
        // address where wasm traps
        assertEquals("trap", result(interpreter, "near", -4));
        assertEquals("[4660]", result(compiled, "near", -4), "0xFFFFFFFC + 8 reads address 4");
        assertEquals("trap", result(interpreter, "put", -4, 7));
        assertEquals("[7]", result(compiled, "put", -4, 7), "0xFFFFFFFC + 8 writes address 4");
    }
}
