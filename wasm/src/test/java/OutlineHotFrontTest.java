import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OutlineWasm's hot front on a small interpreter shaped like SQLite's VDBE: a loop around a switch
 * nest on an opcode byte read from memory, and a table of opcode names in the data as
 * {@code sqlite3OpcodeName} has it. The nest moves into a function of its own and copies of the hot
 * opcodes' cases (and of every case they branch or fall into) stay in front of the call; programs
 * that run hot and cold opcodes, jump, fall from one case into the next and halt from inside a case
 * compute what the original computes.
 * Bounded: a transformation that broke a loop counter would otherwise loop forever (Chicory
 * checks the thread's interruption at every back-edge).
 */
@Timeout(60)
class OutlineHotFrontTest {
    /** Opcode names by number: the two SQLite's table starts with, the ones the interpreter implements, then fillers. */
    static final List<String> NAMES = new ArrayList<>(List.of("Savepoint", "AutoCommit",
        "Goto", "Halt", "Add", "Integer", "Multiply", "If", "BitXor", "ShiftLeft"));
    static final int GOTO = 2, HALT = 3, ADD = 4, INTEGER = 5, MULTIPLY = 6, IF = 7, BITXOR = 8, SHIFTLEFT = 9;

    static {
        while (NAMES.size() < 110) NAMES.add("Op" + NAMES.size());
    }

    static final int NAME_STRINGS = 1024, NAME_TABLE = 4096;

    /**
     * {@code run(pc, x) -> i32}: executes the program of two-byte instructions (opcode, operand) at
     * address pc with the accumulator x. Goto jumps to the operand's address, Halt returns the
     * accumulator, If jumps when the accumulator is odd, Integer sets it to the operand and falls
     * into Add's case; every opcode without a case of its own adds itself. Locals: pc 0, acc 1, t 2.
     */
    static byte[] vdbeModule() {
        // $top: the loop, seen from a case body; $top1: from inside one more block (an if)
        String[] cases = new String[NAMES.size()];
        cases[GOTO] = "local.get 0 i32.load8_u offset=1 local.set 0 br $top";
        cases[HALT] = "local.get 1 return";
        cases[INTEGER] = "local.get 0 i32.load8_u offset=1 local.set 1";   // falls into Add's case
        cases[ADD] = "local.get 1 local.get 0 i32.load8_u offset=1 i32.add local.get 2 i32.xor local.set 1";
        cases[MULTIPLY] = "local.get 1 local.get 0 i32.load8_u offset=1 i32.const 1 i32.or i32.mul local.set 1";
        cases[IF] = "local.get 1 i32.const 1 i32.and if local.get 0 i32.load8_u offset=1 local.set 0 br $top1 end";
        cases[BITXOR] = "local.get 1 i32.const 305419896 i32.xor local.get 0 i32.load8_u offset=1 i32.rotl local.set 1";
        cases[SHIFTLEFT] = "local.get 1 local.get 0 i32.load8_u offset=1 i32.const 7 i32.and i32.shl local.set 1";
        String fallback = "local.get 1 local.get 0 i32.load8_u i32.add local.get 2 i32.add local.set 1";
        List<Integer> order = List.of(GOTO, HALT, INTEGER, ADD, MULTIPLY, IF, BITXOR, SHIFTLEFT);   // bodies in code order, then the default
        int bodies = order.size() + 1;
        int m = bodies + 1;   // nest blocks: 1 (outermost) .. m (holds the br_table); body j follows the end of block j
        StringBuilder c = new StringBuilder("local.get 1 local.set 2\nloop\n");
        for (int j = 1; j <= m; j++) c.append("block\n");
        c.append("local.get 0 i32.load8_u br_table");
        for (int op = 0; op < NAMES.size(); op++) {
            int k = order.indexOf(op);
            c.append(' ').append(k >= 0 ? k : bodies - 1);   // depth k: body m-k; the last one is also the default
        }
        c.append('\n');
        for (int k = 0; k < bodies; k++) {
            int j = m - k;   // body j sits in nest blocks 1..j-1, inside the loop
            String code = k < order.size() ? cases[order.get(k)] : fallback;
            c.append("end ;; body ").append(j).append('\n')
                // mixing the accumulator into t makes each body worth a call of its own
                .append("local.get 2 local.get 1 i32.const 40503 i32.mul i32.add i32.const 5 i32.rotl local.set 2\n")
                .append(code.replace("$top1", String.valueOf(j)).replace("$top", String.valueOf(j - 1))).append('\n');
            // break: after the nest (the default case, last, gets there by falling out of the nest)
            if (j > 2 && order.get(k) != INTEGER) c.append("br ").append(j - 2).append('\n');
        }
        c.append("end ;; after the nest\n")
            .append("local.get 0 i32.const 2 i32.add local.set 0\n")
            .append("br 0\nend\nunreachable");
        WasmAssembler a = new WasmAssembler();
        a.memory(1);
        a.global(0);
        a.func("run", "i32 i32", "i32", "i32", c.toString());
        a.data(NAME_STRINGS, nameStrings());
        a.data(NAME_TABLE, nameTable());
        for (int p = 0; p < PROGRAMS.length; p++) {
            byte[] bytes = new byte[PROGRAMS[p].length];
            for (int k = 0; k < bytes.length; k++) bytes[k] = (byte) PROGRAMS[p][k];
            a.data(programAddress(p), bytes);
        }
        return a.toBytes();
    }

    static byte[] nameStrings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : NAMES) out.writeBytes((n + "\0").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Pointers to the names, then a null pointer that ends the table. */
    static byte[] nameTable() {
        byte[] t = new byte[4 * (NAMES.size() + 1)];
        int at = NAME_STRINGS;
        for (int k = 0; k < NAMES.size(); k++) {
            for (int b = 0; b < 4; b++) t[4 * k + b] = (byte) (at >>> (8 * b));
            at += NAMES.get(k).length() + 1;
        }
        return t;
    }

    /** Programs (opcode, operand pairs), program p at address 16 + 16 p: jumps name addresses, below 256. */
    static final int[][] PROGRAMS = {
        {ADD, 5, MULTIPLY, 3, 20, 1, 99, 0, HALT, 0},
        {INTEGER, 7, BITXOR, 9, SHIFTLEFT, 3, HALT, 0},
        {IF, 80, ADD, 1, HALT, 0},              // to program 4 if odd
        {ADD, 2, GOTO, 68, ADD, 100, HALT, 0},  // over the second Add
        {HALT, 0},
        {ADD, 1, IF, 96, MULTIPLY, 5, HALT, 0}, // a loop while the accumulator is odd
    };

    static int programAddress(int p) {
        return 16 + 16 * p;
    }

    static final Set<String> HOT = new LinkedHashSet<>(List.of("Goto", "Integer", "If", "Op20"));

    @Test
    void theHotCasesGetCopiesInFrontOfTheMovedNestAndComputeTheSame() {
        byte[] in = vdbeModule();
        // as the build runs it: the VDBE's nest under the nest budget (else its inner levels move
        // first, with the hot cases they hold)
        OutlineWasm o = new OutlineWasm(in, 300, 200, 100_000);
        o.hotOpcodes = HOT;
        byte[] out = o.run();
        String report = o.report() + "\n" + o.hotReport;
        assertEquals(1, o.vdbeFunctions, report);
        assertEquals(1, o.hoisted, report);
        assertTrue(o.hotReport.toString().contains("opcodes=" + HOT.size() + "\n"), report);
        // Goto, Integer and the Add it falls into, If, and the default case Op20 goes to
        assertTrue(o.hotReport.toString().contains("bodies=5\n"), report);
        List<long[]> inputs = new ArrayList<>();
        for (int p = 0; p < PROGRAMS.length; p++) for (long x : new long[] {0, 1, 6, -3}) inputs.add(new long[] {programAddress(p), x});
        List<String> results = WasmRuns.assertSameResults(in, out, "run", inputs);
        assertTrue(new HashSet<>(results).size() >= 12, "the programs take too few paths: " + results);
    }

    @Test
    void aHotOpcodeTheBinaryDoesNotNameFailsWithItsName() {
        OutlineWasm o = new OutlineWasm(vdbeModule(), 300, 200, 200);
        o.hotOpcodes = Set.of("Goto", "NoSuchOpcode");
        IllegalStateException e = assertThrows(IllegalStateException.class, o::run);
        assertTrue(e.getMessage().contains("NoSuchOpcode"), e.getMessage());
    }

    @Test
    void hotOpcodesWithoutAnOpcodeNameTableInTheBinaryFail() {
        WasmAssembler a = new WasmAssembler();
        a.memory(1);
        a.global(0);
        a.func("f", "", "", "", "nop");
        OutlineWasm o = new OutlineWasm(a.toBytes(), 300, 200, 200);
        o.hotOpcodes = HOT;
        IllegalStateException e = assertThrows(IllegalStateException.class, o::run);
        assertTrue(e.getMessage().contains("opcode names"), e.getMessage());
    }
}
