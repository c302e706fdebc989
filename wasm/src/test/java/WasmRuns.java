import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs small modules on Chicory and compares what a build step's output computes with its input. */
final class WasmRuns {
    private WasmRuns() {
    }

    /** Chicory's parser, which validates every function body (types, stack, labels). */
    static WasmModule parse(byte[] wasm) {
        return Parser.parse(wasm);
    }

    /** A module to call: parsed (validated) and, if asked, compiled once. */
    static final class Loaded {
        final WasmModule module;
        final java.util.function.Function<Instance, com.dylibso.chicory.runtime.Machine> machine;

        Loaded(byte[] wasm, boolean compiled) {
            module = parse(wasm);
            machine = compiled ? MachineFactoryCompiler.compile(module) : null;
        }

        /** The results of the export {@code name} on a fresh instance, or the trap's class. */
        String call(String name, long... args) {
            Instance.Builder b = Instance.builder(module);
            if (machine != null) b.withMachineFactory(machine);
            Instance instance = b.build();
            try {
                long[] results = instance.export(name).apply(args);
                // Chicory's interpreter may hand back an i32 with its high half set (i32.mul does): what
                // the i32 is, is its low half
                List<ValType> types = instance.exportType(name).returns();
                for (int k = 0; k < results.length; k++) if (ValType.I32.equals(types.get(k))) results[k] = (int) results[k];
                return Arrays.toString(results);
            } catch (RuntimeException trap) {
                return "trap " + trap.getClass().getSimpleName();
            }
        }
    }

    /**
     * The transformed module validates and, for every input, computes what the original computes on
     * Chicory's interpreter, both on the interpreter and compiled (as the build runs it). Returns the
     * original's results, for the caller to check that the inputs reach more than one path.
     */
    static List<String> assertSameResults(byte[] original, byte[] transformed, String export, List<long[]> inputs) {
        Loaded before = new Loaded(original, false), interpreted = new Loaded(transformed, false), compiled = new Loaded(transformed, true);
        List<String> expected = new ArrayList<>();
        for (long[] in : inputs) {
            String want = before.call(export, in);
            expected.add(want);
            assertEquals(want, interpreted.call(export, in), export + Arrays.toString(in) + " interpreted");
            assertEquals(want, compiled.call(export, in), export + Arrays.toString(in) + " compiled");
        }
        return expected;
    }

    /** Every combination of the given values for each argument. */
    static List<long[]> inputs(long[]... values) {
        List<long[]> out = new ArrayList<>();
        out.add(new long[0]);
        for (long[] vs : values) {
            List<long[]> next = new ArrayList<>();
            for (long[] prefix : out) {
                for (long v : vs) {
                    long[] x = Arrays.copyOf(prefix, prefix.length + 1);
                    x[prefix.length] = v;
                    next.add(x);
                }
            }
            out = next;
        }
        return out;
    }

    static long[] range(long from, long toInclusive) {
        long[] r = new long[(int) (toInclusive - from + 1)];
        for (int k = 0; k < r.length; k++) r[k] = from + k;
        return r;
    }

    /** Defined functions' body sizes in bytes (the code section's entries), in index order. */
    static int[] bodySizes(byte[] wasm) {
        int pos = 8;
        while (pos < wasm.length) {
            int id = wasm[pos++];
            int[] size = leb(wasm, pos);
            pos = size[1];
            if (id == 10) {
                int[] n = leb(wasm, pos);
                int[] sizes = new int[n[0]];
                int p = n[1];
                for (int k = 0; k < sizes.length; k++) {
                    int[] s = leb(wasm, p);
                    sizes[k] = s[0];
                    p = s[1] + s[0];
                }
                return sizes;
            }
            pos += size[0];
        }
        return new int[0];
    }

    private static int[] leb(byte[] b, int pos) {
        int result = 0, shift = 0;
        while (true) {
            int x = b[pos++] & 0xff;
            result |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return new int[] {result, pos};
            shift += 7;
        }
    }
}
