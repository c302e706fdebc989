import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build step OutlineWasm on small hand-made modules, with budgets small enough that it cuts
 * them: each shape it handles (straight code with locals live across cuts, loops left and
 * continued from inside a moved piece, both arms of an if, a branch carrying a value out of one, a
 * return inside one, many exits, f64 locals, multi-value functions and blocks, pieces inside
 * pieces, a br_table switch nest whose cases go out one by one, a nest that moves whole behind its
 * dispatch) is cut, validates, and computes what the original computes, on Chicory's interpreter
 * and compiled. The hot front of the VDBE's nest: OutlineHotFrontTest.
 * Bounded: a transformation that broke a loop counter would otherwise loop forever (Chicory
 * checks the thread's interruption at every back-edge).
 */
@Timeout(60)
class OutlineWasmTest {
    /** The outliner's output and the outliner (its counts). */
    record Outlined(byte[] wasm, OutlineWasm by) {
        int added(byte[] original) {
            return WasmRuns.bodySizes(wasm).length - WasmRuns.bodySizes(original).length;
        }
    }

    static Outlined outline(byte[] wasm, int threshold, int budget, int nestBudget) {
        OutlineWasm o = new OutlineWasm(wasm, threshold, budget, nestBudget);
        return new Outlined(o.run(), o);
    }

    /**
     * Straight code over i32 locals {@code from..to}: each line reads two of them and writes one,
     * the operand stack empty between lines (where the outliner may cut).
     */
    static String mixLines(int seed, int lines, int from, int to) {
        StringBuilder c = new StringBuilder();
        int n = to - from + 1;
        for (int k = 0; k < lines; k++) {
            int s = seed + k;
            c.append("local.get ").append(from + (s * 5) % n).append(" local.get ").append(from + (s * 3 + 1) % n)
                .append(" i32.const ").append(s * 7919 + 13).append(" i32.mul i32.add i32.const ").append(s % 5 + 1)
                .append(" i32.rotl local.set ").append(from + (s + 2) % n).append('\n');
        }
        return c.toString();
    }

    @Test
    void straightCodeIsCutAndLocalsLiveAcrossACutComeBack() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // locals 0, 1: params; 2..7: i32; 8: an i64 summed along the way; every local is read at the end
        StringBuilder c = new StringBuilder();
        for (int part = 0; part < 8; part++) {
            c.append(mixLines(part * 10, 10, 0, 7));
            c.append("local.get 8 local.get ").append(2 + part % 6).append(" i64.extend_i32_u i64.add i64.const 31 i64.mul local.set 8\n");
        }
        c.append("local.get 2 local.get 3 i32.xor local.get 4 i32.xor local.get 5 i32.xor local.get 6 i32.xor local.get 7 i32.xor\n")
            .append("i64.extend_i32_u local.get 8 i64.xor");
        m.func("mix", "i32 i32", "i64", "i32 i32 i32 i32 i32 i32 i64", c.toString());
        byte[] in = m.toBytes();
        int before = WasmRuns.bodySizes(in)[0];
        assertTrue(before > 1000, "test module too small to cut: " + before);

        Outlined out = outline(in, 300, 200, 200);
        assertTrue(out.added(in) >= 4, "pieces outlined: " + out.added(in) + " " + out.by.report());
        int after = WasmRuns.bodySizes(out.wasm)[0];
        assertTrue(after < before / 3, "function 0: " + before + " -> " + after + " bytes");
        for (int size : WasmRuns.bodySizes(out.wasm)) assertTrue(size < before / 2, "an outlined piece of " + size + " bytes");
        // locals written in one piece and read in a later one come back as extra results
        WasmModule module = WasmRuns.parse(out.wasm);
        boolean handsBack = false;
        for (int f = 1; f < module.functionSection().functionCount(); f++) {
            FunctionType t = module.typeSection().getType(module.functionSection().getFunctionType(f));
            handsBack |= t.returns().size() > 1 && t.params().size() > 0;
        }
        assertTrue(handsBack, "no outlined piece takes locals in and hands locals back");

        long[] values = {0, 1, -1, 12345, Integer.MIN_VALUE, Integer.MAX_VALUE};
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "mix", WasmRuns.inputs(values, values));
        assertEquals(values.length * values.length, new HashSet<>(results).size(), "inputs that give equal results: " + results);
    }

    @Test
    void loopBodyIsCutWithBreaksAndContinuesInsideThePieces() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // n: param 0; i 1, acc 2, t 3, u 4
        String code = String.join("\n",
            "block",
            "  loop",
            "    local.get 1 local.get 0 i32.ge_s br_if 1",          // break out of the loop
            "    local.get 1 local.get 3 i32.add local.set 3",
            mixLines(0, 8, 2, 4),
            "    local.get 3 i32.const 3 i32.and i32.eqz",
            "    if",
            "      local.get 1 i32.const 1 i32.add local.set 1",
            "      local.get 2 i32.const 1 i32.add local.set 2",
            "      br 1",                                            // continue, from inside an if
            "    end",
            mixLines(20, 8, 2, 4),
            "    local.get 2 i32.const 1000 i32.rem_u local.set 2",
            "    local.get 4 i32.const 63 i32.and i32.eqz br_if 1",  // break, from further down (now and then)
            "    local.get 1 i32.const 1 i32.add local.set 1",
            "    br 0",
            "  end",
            "end",
            "local.get 2 local.get 1 i32.const 16 i32.shl i32.xor");
        m.func("loopy", "i32", "i32", "i32 i32 i32 i32", code);
        byte[] in = m.toBytes();

        Outlined out = outline(in, 200, 150, 150);
        assertTrue(out.added(in) >= 2, "pieces outlined: " + out.added(in) + " " + out.by.report());
        assertTrue(WasmRuns.bodySizes(out.wasm)[0] < WasmRuns.bodySizes(in)[0] / 2, out.by.report());
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "loopy", WasmRuns.inputs(WasmRuns.range(-1, 30)));
        assertTrue(new HashSet<>(results).size() > 10, "the inputs take too few paths: " + results);
    }

    /** pick(x): a block with an i32 result that a br inside an if leaves early, and a return inside an if. */
    static byte[] pickModule() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // x: param 0; t 1, acc 2, u 3
        String code = String.join("\n",
            "local.get 0 local.set 1",
            "block i32",
            mixLines(0, 8, 1, 3),
            "  local.get 0 i32.const 5 i32.gt_s",
            "  if",
            "    local.get 1 i32.const 100 i32.add",
            "    br 1",                                  // out of the block with its i32
            "  end",
            mixLines(10, 8, 1, 3),
            "  local.get 0 i32.const -2 i32.lt_s",
            "  if",
            "    local.get 2 i32.const 7 i32.mul",
            "    return",                                // out of the function from inside the piece
            "  end",
            mixLines(20, 8, 1, 3),
            "  local.get 3",
            "end",
            "local.set 2",   // the stack empty again: a cut may end here
            "local.get 2 i32.const 3 i32.mul local.get 0 i32.add");
        m.func("pick", "i32", "i32", "i32 i32 i32", code);
        return m.toBytes();
    }

    @Test
    void bothArmsOfAnIfElseAreCut() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // x: param 0; acc 1, t 2, u 3
        String code = String.join("\n",
            "local.get 0 local.set 1",
            "local.get 0 i32.const 1 i32.and",
            "if",
            mixLines(0, 16, 1, 3),
            "else",
            mixLines(40, 16, 1, 3),
            "  local.get 0 i32.const 4 i32.gt_s br_if 0",   // out of the else arm, from inside a piece
            mixLines(60, 4, 1, 3),
            "end",
            "local.get 1 local.get 2 i32.xor local.get 3 i32.add local.get 0 i32.const 1000 i32.mul i32.add");
        m.func("arms", "i32", "i32", "i32 i32 i32", code);
        byte[] in = m.toBytes();

        Outlined out = outline(in, 200, 150, 150);
        assertTrue(out.added(in) >= 2, "pieces outlined: " + out.added(in) + " " + out.by.report());
        assertTrue(WasmRuns.bodySizes(out.wasm)[0] < WasmRuns.bodySizes(in)[0] / 2, out.by.report());
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "arms", WasmRuns.inputs(WasmRuns.range(-5, 10)));
        assertEquals(16, new HashSet<>(results).size(), "inputs with equal results: " + results);
    }

    @Test
    void aBranchCarryingAValueAndAReturnLeaveAMovedPiece() {
        byte[] in = pickModule();

        Outlined out = outline(in, 200, 160, 160);
        assertTrue(out.added(in) >= 2, "pieces outlined: " + out.added(in) + " " + out.by.report());
        // the value and the return value each pass through a global of their own
        int globalsBefore = WasmRuns.parse(in).globalSection().globalCount();
        assertEquals(globalsBefore + 2, WasmRuns.parse(out.wasm).globalSection().globalCount(), out.by.report());
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "pick", WasmRuns.inputs(WasmRuns.range(-6, 10)));
        assertTrue(new HashSet<>(results).size() > 12, "the inputs take too few paths: " + results);
    }

    @Test
    void aValueExitAndAReturnInOnePiece() {
        byte[] in = pickModule();
        // one piece of the block's body holds both ifs (the block's end stays outside it)
        Outlined out = outline(in, 200, 300, 300);
        assertEquals(1, out.added(in), out.by.report());
        assertEquals(WasmRuns.parse(in).globalSection().globalCount() + 2, WasmRuns.parse(out.wasm).globalSection().globalCount(), out.by.report());
        WasmRuns.assertSameResults(in, out.wasm, "pick", WasmRuns.inputs(WasmRuns.range(-6, 10)));
    }

    /**
     * Blocks in blocks, each too big: the inner ones are cut first, then pieces of the outer ones
     * take the inner pieces' call sites (and their exit codes) along.
     */
    @Test
    void piecesOfOuterBlocksTakeTheCallSitesOfInnerPiecesAlong() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // x: param 0; acc 1, t 2, u 3
        StringBuilder c = new StringBuilder("local.get 0 local.set 1\n");
        int levels = 4;
        for (int l = 0; l < levels; l++) c.append("block\n").append(mixLines(l * 10, 4, 1, 3));
        for (int l = levels - 1; l >= 0; l--) {
            c.append(mixLines(l * 10 + 5, 2, 1, 3))
                .append("local.get 2 i32.const 7 i32.and i32.const ").append(l).append(" i32.eq br_if ").append(l).append('\n')   // to the outermost block's end
                .append(mixLines(l * 10 + 7, 2, 1, 3))
                .append("end local.get 1 i32.const ").append(l + 1).append(" i32.add local.set 1\n");
        }
        c.append("local.get 1");
        m.func("nested", "i32", "i32", "i32 i32 i32", c.toString());
        byte[] in = m.toBytes();

        Outlined out = outline(in, 200, 150, 150);
        assertTrue(out.added(in) >= levels, out.by.report());
        assertTrue(outlinedCallOutlined(out.wasm, 1), "no piece calls another piece: " + out.by.report());
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "nested", WasmRuns.inputs(WasmRuns.range(-20, 20)));
        assertTrue(new HashSet<>(results).size() > 30, "the inputs take too few paths: " + results);
    }

    /** True if a function added by the outliner (index >= original) calls another one. */
    static boolean outlinedCallOutlined(byte[] wasm, int original) {
        OutlineWasm o = new OutlineWasm(wasm, Integer.MAX_VALUE, 0, 0);
        o.run();   // reads the module, cuts nothing
        OutlineWasm.typesForDecode = o.types;
        for (int f = original; f < o.bodies.size(); f++) {
            OutlineWasm.Reader r = new OutlineWasm.Reader(o.bodies.get(f), 0);
            int groups = r.u32();
            for (int g = 0; g < groups; g++) {
                r.u32();
                r.pos++;
            }
            byte[] code = java.util.Arrays.copyOfRange(o.bodies.get(f), r.pos, o.bodies.get(f).length);
            for (OutlineWasm.Insn i : OutlineWasm.decode(code)) if (i.op == 0x10 && i.imm >= original) return true;
        }
        return false;
    }

    @Test
    void multiValueFunctionsAndBlocksAreCut() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        int pair = m.type("", "i32 i64");
        // a, b: params 0, 1 (i64); q 2, r 3 (i64); k 4, j 5, h 6 (i32)
        StringBuilder c = new StringBuilder();
        c.append("local.get 1 i64.eqz if i64.const -1 i32.const -1 i64.const -1 return end\n");   // a return of three values
        c.append("local.get 0 i32.wrap_i64 local.set 4 local.get 1 i32.wrap_i64 local.set 5\n");
        for (int part = 0; part < 5; part++) {
            c.append(mixLines(part * 10, 6, 4, 6));
            c.append("block type=").append(pair).append(" local.get 4 local.get 2 local.get 0 i64.add end\n")
                .append("local.set 2 local.set 4\n")
                .append("local.get 3 local.get 2 local.get 1 i64.rem_u i64.add local.set 3\n");
        }
        c.append("local.get 2 local.get 4 local.get 6 i32.add local.get 3");
        int mv = m.func("mv", "i64 i64", "i64 i32 i64", "i64 i64 i32 i32 i32", c.toString());
        // a caller that takes the three results apart
        m.func("mvsum", "i64 i64", "i64", "i64",
            "local.get 0 local.get 1 call " + mv + " local.set 2 i64.extend_i32_s i64.add local.get 2 local.get 0 i64.mul i64.xor\n"
                + "local.get 1 local.get 0 call " + mv + " drop drop i64.add");
        byte[] in = m.toBytes();

        Outlined out = outline(in, 300, 200, 200);
        assertTrue(out.added(in) >= 2, "pieces outlined: " + out.added(in) + " " + out.by.report());
        long[] values = {0, 1, 3, -7, 1L << 40, Long.MIN_VALUE};
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "mv", WasmRuns.inputs(values, values));
        assertTrue(results.stream().allMatch(r -> r.split(",").length == 3), "three results each: " + results);
        assertTrue(new HashSet<>(results).size() > 20, "the inputs take too few paths: " + results);
        WasmRuns.assertSameResults(in, out.wasm, "mvsum", WasmRuns.inputs(values, values));
    }

    /**
     * A piece with more exits than get a bit each ({@link OutlineWasm#BIT_CODES}): the call site
     * dispatches them with a br_table, for a piece that falls through at its end and for one that
     * never does (it ends in a br).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPieceWithManyExitsDispatchesThemWithATable(boolean fallsThrough) {
        int exits = 6;
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // x: param 0; acc 1, t 2, u 3
        StringBuilder c = new StringBuilder("local.get 0 local.set 1\n");
        for (int k = 0; k < exits; k++) c.append("block\n");
        // one expression bigger than the budget (no cut inside: the operand stack is never empty), so
        // that the piece after it is cut on its own, up to the block's end
        c.append("local.get 1");
        for (int k = 0; k < 40; k++) c.append(" local.get 2 i32.const ").append(k + 1).append(" i32.xor i32.add");
        c.append(" local.set 1\n");
        for (int k = 0; k < exits; k++) {
            c.append(mixLines(k * 4, 1, 1, 3));
            c.append("local.get 0 i32.const ").append(k).append(" i32.eq br_if ").append(k).append('\n');
        }
        c.append(fallsThrough ? mixLines(50, 1, 1, 3) : "br 2\n");
        for (int k = 0; k < exits; k++) c.append("end local.get 1 i32.const ").append(11 * (k + 1)).append(" i32.add local.set 1\n");
        c.append("local.get 1");
        m.func("exits", "i32", "i32", "i32 i32 i32", c.toString());
        byte[] in = m.toBytes();

        Outlined out = outline(in, 200, 200, 200);
        assertEquals(1, out.added(in), out.by.report());
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "exits", WasmRuns.inputs(WasmRuns.range(-1, exits + 1)));
        assertTrue(new HashSet<>(results).size() >= exits + 1, "every exit and the end give results of their own: " + results);
    }

    /** f64 locals live across a cut and an f64 returned from inside a piece (through an f64 global). */
    @Test
    void floatLocalsAndAFloatReturnCrossTheCuts() {
        WasmAssembler m = new WasmAssembler();
        m.global(0);
        // x: param 0 (f64), n: param 1 (i32); a 2, b 3 (f64); k 4 (i32)
        StringBuilder c = new StringBuilder("local.get 0 local.set 2 local.get 1 f64.convert_i32_s local.set 3\n");
        for (int part = 0; part < 12; part++) {
            c.append("local.get 2 f64.const 0.5 f64.mul local.get 3 f64.add f64.const ").append(part + 0.5).append(" f64.add local.set 3\n")
                .append("local.get 3 f64.const 3.25 f64.div local.get 2 f64.sub local.set 2\n")
                .append("local.get 4 local.get 1 i32.add i32.const ").append(part * 7919 + 1).append(" i32.mul local.set 4\n");
            if (part == 6) c.append("local.get 1 i32.const 3 i32.and i32.eqz if local.get 2 local.get 3 f64.sub return end\n");
        }
        c.append("local.get 2 local.get 3 f64.add local.get 4 f64.convert_i32_s f64.add");
        m.func("fl", "f64 i32", "f64", "f64 f64 i32", c.toString());
        byte[] in = m.toBytes();

        Outlined out = outline(in, 300, 200, 200);
        assertTrue(out.added(in) >= 2, "pieces outlined: " + out.added(in) + " " + out.by.report());
        long[] xs = {Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-1e10)};
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "fl", WasmRuns.inputs(xs, WasmRuns.range(-4, 4)));
        assertTrue(new HashSet<>(results).size() > 20, "the inputs take too few paths: " + results);
    }

    /**
     * A switch over {@code op} (param 0) of {@code cases} cases, each a body of its own after the
     * end of its block: most break out of the nest, every fifth falls into the next case's body, every
     * seventh returns; the default leaves the nest at once. Locals: x param 1, acc 2, t 3, u 4.
     */
    static byte[] switchModule(int cases) {
        int m = cases + 1;   // blocks of the nest: 1 (outermost) .. m (holds the br_table)
        StringBuilder c = new StringBuilder("local.get 1 local.set 2\n");
        for (int j = 1; j <= m; j++) c.append("block\n");
        c.append("local.get 0 br_table");
        for (int d = 0; d < m; d++) c.append(' ').append(d);   // op k -> body m-k; default: depth m-1, after the nest
        c.append('\n');
        for (int j = m; j >= 2; j--) {
            c.append("end ;; body ").append(j).append('\n');
            c.append(mixLines(j * 3, 3, 1, 4));
            c.append("local.get 2 local.get 3 i32.add local.set 2\n");
            if (j % 7 == 0) c.append("local.get 2 i32.const ").append(j).append(" i32.xor return\n");
            else if (j % 5 != 0) c.append("br ").append(j - 2).append('\n');   // break: to the end of block 1
        }
        c.append("end ;; after the nest\nlocal.get 2 local.get 0 i32.add");
        WasmAssembler a = new WasmAssembler();
        a.global(0);
        a.func("sw", "i32 i32", "i32", "i32 i32 i32", c.toString());
        return a.toBytes();
    }

    @Test
    void everyCaseBodyOfASwitchNestGoesOutAndTheDispatchStays() {
        int cases = 40;
        byte[] in = switchModule(cases);
        Outlined out = outline(in, 500, 400, 100_000);
        // every case body is a piece of its own (only the bodies too small to pay for a call stay)
        assertTrue(out.added(in) >= cases - 2, "pieces outlined: " + out.added(in) + " " + out.by.report());
        assertEquals(0, out.by.spineSplits, out.by.report());
        List<String> results = WasmRuns.assertSameResults(in, out.wasm, "sw", WasmRuns.inputs(WasmRuns.range(-1, cases + 2), new long[] {0, 5, -9}));
        assertTrue(new HashSet<>(results).size() > cases, "the inputs take too few paths: " + results);
    }

    @Test
    void aSwitchNestOverItsBudgetMovesWholeBehindItsDispatch() {
        int cases = 40;
        byte[] in = switchModule(cases);
        Outlined out = outline(in, 500, 300, 200);
        // bottom-up: the nest's inner blocks move first, a few levels each behind its dispatch
        assertTrue(out.by.spineSplits >= 1, out.by.report());
        assertEquals(out.by.spineSplits, out.by.hoisted, "the dispatch kept in front of every moved nest: " + out.by.report());
        WasmRuns.assertSameResults(in, out.wasm, "sw", WasmRuns.inputs(WasmRuns.range(-1, cases + 2), new long[] {0, 5, -9}));
    }

    @Test
    void functionsUnderTheThresholdAreHandedOnByteForByte() {
        byte[] in = switchModule(40);
        Outlined out = outline(in, 100_000, 400, 400);
        assertSame(in, out.wasm);
        assertEquals(0, out.by.functionsSplit);
    }

    @Test
    void theTestsCompareValidatedModules() {
        // the validation assertSameResults relies on: a body that pops from an empty stack is refused
        WasmAssembler m = new WasmAssembler();
        m.func("bad", "", "i32", "", "i32.add");
        assertThrows(InvalidException.class, () -> WasmRuns.parse(m.toBytes()));
        WasmAssembler one = new WasmAssembler();
        one.func(null, "", "", "", "nop");
        assertArrayEquals(new int[] {3}, WasmRuns.bodySizes(one.toBytes()));   // no local groups, nop, end
    }
}
