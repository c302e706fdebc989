import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Build step: wasm-to-wasm outlining. HotSpot never JIT-compiles a method of more than 8,000 bytes
 * of bytecode (HugeMethodLimit), and Chicory turns each wasm function into one JVM method, so
 * SQLite's largest functions (the VDBE loop first) would run in HotSpot's bytecode interpreter.
 * This step moves stack-neutral runs of instructions of every function bigger than the threshold
 * into new functions appended to the module, so that no index of the original module changes:
 * <ul>
 *   <li>the locals live on entry to a run become the new function's parameters; the ones it
 *       writes that are live after it come back as extra results (multi-value: Chicory returns
 *       them in one array, measured cheaper than globals, whose every access goes through
 *       {@code Instance.global(int)});</li>
 *   <li>each branch out of the run becomes an exit code (the new function's first result) that
 *       the caller dispatches to the original target (a bit per exit when there are few, else a
 *       {@code br_table}); a {@code return} inside the run passes its value through a global and
 *       returns in the caller;</li>
 *   <li>a switch's nest of blocks (a {@code br_table} of at least {@link #SPINE_TABLE} targets:
 *       the VDBE's opcode switch, the parser's reduce switch) stays where it is and every case
 *       body goes out on its own; a nest still too big moves into a function of its own, with the
 *       dispatch kept in front for the cases that stayed.</li>
 * </ul>
 * A run may only begin and end where the operand stack of its block is empty, and may only leave
 * through branches that carry no values, so what the module computes does not change.
 * Usage: {@code OutlineWasm <in.wasm> <out.wasm> <thresholdBytes> <budgetBytes> [<nestBudgetBytes>]}:
 * functions whose body exceeds the threshold are cut into runs of at most the budget.
 */
public final class OutlineWasm {
    static final byte I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C;
    /** A run is outlined only if bigger than this: below it, the call costs more than it saves. */
    static final int MIN_RUN = 32;
    /** JVM methods take at most 255 parameter slots (long/double take two); Chicory adds two. */
    static final int MAX_PARAM_SLOTS = 200;
    /**
     * A br_table with at least this many targets dispatches a switch (the VDBE's opcode switch,
     * the parser's reduce switch): the blocks around it stay in the function so that every case
     * is one jump away, and only the case bodies are outlined (outlining the nest itself puts a
     * chain of calls in front of every case).
     */
    static final int SPINE_TABLE = 32;
    /** Exit codes up to this many are single bits (see outline()). */
    static final int BIT_CODES = 4;

    public static void main(String[] args) throws Exception {
        byte[] in = Files.readAllBytes(Paths.get(args[0]));
        OutlineWasm o = new OutlineWasm(in, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            args.length > 4 ? Integer.parseInt(args[4]) : Integer.parseInt(args[3]));
        if (args.length > 5 && !args[5].isBlank()) o.hotOpcodes = new java.util.LinkedHashSet<>(java.util.Arrays.asList(args[5].trim().split("\\s*,\\s*")));
        byte[] out = o.run();
        Path target = Paths.get(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, out);
        // for the tests: what the hot front holds
        Files.writeString(Paths.get(args[1] + ".hot"), o.hotReport.toString());
        System.out.println("[outline] " + args[0] + ": " + o.report());
    }

    // ---- module ----
    final byte[] wasm;
    final int threshold, budget, nestBudget;
    final List<int[]> sections = new ArrayList<>();       // {id, start, end} of payloads
    final List<byte[][]> types = new ArrayList<>();        // {params, results}
    final List<byte[]> typeEntriesRaw = new ArrayList<>();
    final List<Integer> funcTypes = new ArrayList<>();     // imported first, then defined
    int importedFuncs, importedGlobals, definedGlobals;
    final List<byte[]> bodies = new ArrayList<>();         // defined functions' bodies (without size prefix)
    final List<byte[]> newGlobals = new ArrayList<>();
    final Map<String, Integer> globalPool = new HashMap<>(); // "type:slot" -> global index
    final Map<String, Integer> typeIndex = new HashMap<>();
    int outlined, functionsSplit, spineSplits, hoisted;
    /** Names of the VDBE opcodes whose cases get copies in front of the VDBE's nest (see hotFront); null: none. */
    java.util.Set<String> hotOpcodes;
    /** The opcode names the binary's EXPLAIN uses, by opcode number (read from its data). */
    List<String> opcodeNames;
    int vdbeFunctions;
    final StringBuilder hotReport = new StringBuilder();
    final StringBuilder log = new StringBuilder();

    OutlineWasm(byte[] wasm, int threshold, int budget, int nestBudget) {
        this.wasm = wasm;
        this.threshold = threshold;
        this.budget = budget;
        this.nestBudget = nestBudget;
    }

    String report() {
 return functionsSplit + " functions over " + threshold + " bytes split into runs of at most " + budget + " bytes: " + outlined + " outlined functions, " + spineSplits + " of them switch nests (" + hoisted + " with the dispatch kept in front)" + log;
    }

    byte[] run() {
        if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') throw new IllegalArgumentException("not a wasm module");
        Reader r = new Reader(wasm, 8);
        while (r.pos < wasm.length) {
            int id = wasm[r.pos++] & 0xff;
            int size = r.u32();
            sections.add(new int[] {id, r.pos, r.pos + size});
            r.pos += size;
        }
        for (int[] s : sections) {
            Reader p = new Reader(wasm, s[1]);
            switch (s[0]) {
                case 1: readTypes(p); break;
                case 2: readImports(p); break;
                case 3: { int n = p.u32(); for (int i = 0; i < n; i++) funcTypes.add(p.u32()); break; }
                case 6: definedGlobals = p.u32(); break;
                case 10: { int n = p.u32(); for (int i = 0; i < n; i++) { int sz = p.u32(); bodies.add(java.util.Arrays.copyOfRange(wasm, p.pos, p.pos + sz)); p.pos += sz; } break; }
                default: break;
            }
        }
        typesForDecode = types;
        for (int i = 0; i < types.size(); i++) typeIndex.putIfAbsent(sig(types.get(i)[0], types.get(i)[1]), i);
        if (hotOpcodes != null) opcodeNames = VdbeOpcodeNames.read(wasm, sections);
        int original = bodies.size();
        for (int f = 0; f < original; f++) {
            String only = System.getProperty("outline.only");
            if (only != null && !java.util.Arrays.asList(only.split(",")).contains(String.valueOf(importedFuncs + f))) continue;
            if (bodies.get(f).length > threshold) {
                int before = bodies.get(f).length, made = outlined;
                bodies.set(f, new FunctionSplitter(importedFuncs + f).split(bodies.get(f)));
                functionsSplit++;
                log.append("\n  function ").append(importedFuncs + f).append(": ").append(before).append(" -> ")
                    .append(bodies.get(f).length).append(" bytes, ").append(outlined - made).append(" parts");
            }
        }
        for (int f = original; f < bodies.size(); f++) {
            if (bodies.get(f).length > budget) log.append("\n  outlined function ").append(importedFuncs + f)
                .append(" is ").append(bodies.get(f).length).append(" bytes");
        }
        if (hotOpcodes != null && functionsSplit > 0 && vdbeFunctions != 1) {
            throw new IllegalStateException(vdbeFunctions + " functions look like the VDBE (a switch nest on an opcode byte with "
                + opcodeNames.size() + " names), expected one: cannot place the hot opcodes " + hotOpcodes);
        }
        // nothing to split: hand the verified binary on byte for byte
        return functionsSplit == 0 ? wasm : write();
    }

    void readTypes(Reader p) {
        int n = p.u32();
        for (int i = 0; i < n; i++) {
            int start = p.pos;
            if ((p.b[p.pos++] & 0xff) != 0x60) throw new IllegalStateException("type " + i + " is not a function type");
            byte[] params = p.valtypes();
            byte[] results = p.valtypes();
            types.add(new byte[][] {params, results});
            typeEntriesRaw.add(java.util.Arrays.copyOfRange(p.b, start, p.pos));
        }
    }

    void readImports(Reader p) {
        int n = p.u32();
        for (int i = 0; i < n; i++) {
            for (int name = 0; name < 2; name++) {
                int len = p.u32();
                p.pos += len;
            }
            int kind = p.b[p.pos++];
            switch (kind) {
                case 0: funcTypes.add(p.u32()); importedFuncs++; break;
                case 1: p.pos++; limits(p); break;
                case 2: limits(p); break;
                case 3: p.pos += 2; importedGlobals++; break;
                default: throw new IllegalStateException("import kind " + kind);
            }
        }
    }

    static void limits(Reader p) {
        int flag = p.b[p.pos++];
        p.u32();
        if ((flag & 1) != 0) p.u32();
    }

    static String sig(byte[] params, byte[] results) {
        return java.util.Arrays.toString(params) + "->" + java.util.Arrays.toString(results);
    }

    int typeOf(byte[] params, byte[] results) {
        return typeIndex.computeIfAbsent(sig(params, results), k -> {
            types.add(new byte[][] {params, results});
            Writer w = new Writer();
            w.b(0x60).u32(params.length).bytes(params).u32(results.length).bytes(results);
            typeEntriesRaw.add(w.toBytes());
            return types.size() - 1;
        });
    }

    /** A mutable global of {@code type}: slot -1 carries a function's return value out of a run. */
    int global(byte type, int slot) {
        return globalPool.computeIfAbsent(type + ":" + slot, k -> {
            Writer w = new Writer().b(type).b(1);
            switch (type) {
                case I32: w.b(0x41).b(0); break;
                case I64: w.b(0x42).b(0); break;
                case F32: w.b(0x43).bytes(new byte[4]); break;
                case F64: w.b(0x44).bytes(new byte[8]); break;
                default: throw new IllegalStateException("no global for value type " + type);
            }
            newGlobals.add(w.b(0x0B).toBytes());
            return importedGlobals + definedGlobals + newGlobals.size() - 1;
        });
    }

    int addFunction(byte[] params, byte[] results, byte[] body) {
        funcTypes.add(typeOf(params, results));
        bodies.add(body);
        outlined++;
        return importedFuncs + bodies.size() - 1;
    }

    byte[] write() {
        Writer out = new Writer();
        out.bytes(java.util.Arrays.copyOfRange(wasm, 0, 8));
        boolean globalsWritten = false;
        for (int[] s : sections) {
            int id = s[0];
            Writer payload = new Writer();
            switch (id) {
                case 1:
                    payload.u32(typeEntriesRaw.size());
                    for (byte[] t : typeEntriesRaw) payload.bytes(t);
                    break;
                case 3:
                    payload.u32(funcTypes.size() - importedFuncs);
                    for (int i = importedFuncs; i < funcTypes.size(); i++) payload.u32(funcTypes.get(i));
                    break;
                case 6: {
                    Reader p = new Reader(wasm, s[1]);
                    int n = p.u32();
                    payload.u32(n + newGlobals.size()).bytes(java.util.Arrays.copyOfRange(wasm, p.pos, s[2]));
                    for (byte[] g : newGlobals) payload.bytes(g);
                    globalsWritten = true;
                    break;
                }
                case 10:
                    payload.u32(bodies.size());
                    for (byte[] b : bodies) payload.u32(b.length).bytes(b);
                    break;
                default:
                    payload.bytes(java.util.Arrays.copyOfRange(wasm, s[1], s[2]));
            }
            byte[] p = payload.toBytes();
            out.b(id).u32(p.length).bytes(p);
        }
        if (!globalsWritten && !newGlobals.isEmpty()) throw new IllegalStateException("module has no global section to extend");
        return out.toBytes();
    }

    // ---- one function ----

    /** Decoded instruction: opcode (0xFC-prefixed ones as 0xFC00 | sub), byte span, immediates. */
    static final class Insn {
        int op, start, end, imm, arity, params;   // arity: results of a block type; params: its params
        byte result;                              // a block type's only result type, if it has one
        int idx;                                 // position in its function's instruction list
        int[] table;
    }

    /** An item of a block's body: one plain instruction, or a block/loop/if with its bodies. */
    static final class Item {
        Insn head;
        Body body, elseBody;
        /** Holds a switch's dispatch (a big br_table): stays in the function, never outlined. */
        boolean spine;
        int endIdx;   // a construct's matching end
        boolean construct() { return head.op == 0x02 || head.op == 0x03 || head.op == 0x04; }
    }

    /** A block's body with the operand-stack height (relative to its start) before each item. */
    static final class Body {
        final List<Item> items = new ArrayList<>();
        final List<Integer> height = new ArrayList<>();     // before item i, and after the last
        final List<Boolean> reachable = new ArrayList<>();
        int endIdx;   // the end (or else) that closes it
    }

    final class FunctionSplitter {
        final int funcIndex;
        byte[] code;                       // the body's instructions
        final List<Byte> localTypes = new ArrayList<>();   // params, then declared locals
        int codeLocal = -1;                // i32 local holding an exit code, added on first use
        long[][] live;                     // locals live before each original instruction (bit sets)
        int siteShift;                     // blocks the next call site will sit in beyond its body's labels
        final List<Integer> targets = new ArrayList<>();   // beside labels: each label's branch target (-1: return)
        List<Insn> insns;
        int next;                          // parse cursor into insns

        Item hotNest;                      // the VDBE's switch nest, which gets a hot front (see hotFront)
        int[] hotCases;                    // its br_table indices of the hot opcodes
        int hotFrontBodies;

        FunctionSplitter(int funcIndex) {
            this.funcIndex = funcIndex;
        }

        /**
         * The body holding the br_table if the item is a plain switch nest: blocks without
         * parameters, each the first item of the one around it (only the outermost needs to be
         * without a result), down to a pure index computation and the br_table. Null if it is not.
         */
        Body switchBody(Item top) {
            if (top.head.op != 0x02 || top.head.arity != 0 || top.head.params != 0) return null;
            Item cur = top;
            while (true) {
                Body b = cur.body;
                int t = -1;
                for (int k = 0; k < b.items.size(); k++) if (b.items.get(k).spine) { t = k; break; }
                if (t < 0) return null;
                Item child = b.items.get(t);
                if (!child.construct()) {
                    for (int k = 0; k < t; k++) if (!pure(b.items.get(k).head.op)) return null;
                    return b;
                }
                if (t != 0 || child.head.op != 0x02 || child.head.params != 0) return null;
                cur = child;
            }
        }

        /**
         * The br_table indices of the hot opcodes if {@code nest} is the VDBE's switch: a table with
         * about one target per opcode name (the last few opcodes, never executed, share the default),
         * indexed by the opcode byte itself (a local, a load of one byte at offset 0: no arithmetic).
         * Null if it is another switch. Every hot name must be an opcode.
         */
        int[] vdbeCases(Item nest) {
            Insn table = null;
            for (Item k : switchBody(nest).items) {
                if (k.spine) {
                    table = k.head;
                    break;
                }
                int op = k.head.op;
                if (op != 0x20 && op != 0x22 && !(op == 0x2D && loadOffset(k.head) == 0)) return null;
            }
            int n = opcodeNames.size();
            if (table.table.length > n || table.table.length < n - 8) return null;
            int[] cases = new int[hotOpcodes.size()];
            int c = 0;
            for (String name : hotOpcodes) {
                int index = opcodeNames.indexOf(name);
                if (index < 0) throw new IllegalStateException("no VDBE opcode " + name + " in the binary (it has " + opcodeNames + ")");
                cases[c++] = index;
            }
            return cases;
        }

        int loadOffset(Insn load) {
            Reader r = new Reader(code, load.start + 1);
            r.u32();   // alignment
            return r.u32();
        }

        /** The outermost plain switch nest of the function (pre-order), or null. */
        Item findNest(Body b) {
            for (Item it : b.items) {
                if (!it.spine || !it.construct()) continue;
                if (switchBody(it) != null) return it;
                Item inner = findNest(it.body);
                if (inner != null) return inner;
                if (it.elseBody != null && (inner = findNest(it.elseBody)) != null) return inner;
            }
            return null;
        }

        byte[] split(byte[] body) {
            byte[][] ft = types.get(funcTypes.get(funcIndex));
            for (byte t : ft[0]) localTypes.add(t);
            Reader r = new Reader(body, 0);
            int groups = r.u32();
            for (int g = 0; g < groups; g++) {
                int count = r.u32();
                byte t = r.b[r.pos++];
                for (int i = 0; i < count; i++) localTypes.add(t);
            }
            code = java.util.Arrays.copyOfRange(body, r.pos, body.length);
            insns = decode(code);
            next = 0;
            live = liveness(insns, localTypes.size());
            Body top = parseBody(0);
            if (next != insns.size() - 1 || insns.get(next).op != 0x0B) throw new IllegalStateException("function " + funcIndex + " does not end where its body ends");
            if (hotOpcodes != null) {
                Item nest = findNest(top);
                hotCases = nest == null ? null : vdbeCases(nest);
                if (hotCases != null) {
                    hotNest = nest;
                    vdbeFunctions++;
                }
            }
            List<Integer> labels = new ArrayList<>();
            labels.add(ft[1].length);   // the function's own label: branching to it returns
            targets.add(-1);
            byte[] newCode = emit(top, labels, 0);
            // re-encode locals: the originals, then the exit-code local if one was added
            Writer w = new Writer();
            // write groups directly
            Writer lw = new Writer();
            int groupCount = 0;
            for (int i = ft[0].length; i < localTypes.size(); ) {
                int j = i;
                while (j < localTypes.size() && localTypes.get(j).equals(localTypes.get(i))) j++;
                lw.u32(j - i).b(localTypes.get(i));
                groupCount++;
                i = j;
            }
            w.u32(groupCount).bytes(lw.toBytes()).bytes(newCode).b(0x0B);
            return w.toBytes();
        }

        Body parseBody(int startHeight) {
            Body body = new Body();
            int h = startHeight;
            boolean live = true;
            while (true) {
                Insn in = insns.get(next);
                if (in.op == 0x0B || in.op == 0x05) {   // end / else: the caller consumes it
                    body.endIdx = next;
                    break;
                }
                body.height.add(h);
                body.reachable.add(live);
                Item item = new Item();
                item.head = in;
                next++;
                if (in.op == 0x02 || in.op == 0x03 || in.op == 0x04) {
                    if (in.op == 0x04) h--;
                    h -= in.params;
                    item.body = parseBody(in.params);
                    if (insns.get(next).op == 0x05) {
                        next++;
                        item.elseBody = parseBody(in.params);
                    }
                    if (insns.get(next).op != 0x0B) throw new IllegalStateException("block without end at " + insns.get(next).start);
                    item.endIdx = next;
                    next++;
                    h += in.arity;
                    item.spine = hasSpine(item.body) || (item.elseBody != null && hasSpine(item.elseBody));
                } else {
                    int[] e = effect(in);
                    h -= e[0];
                    if (h < 0) h = 0;   // only in unreachable code
                    h += e[1];
                    if (e[2] != 0) live = false;
                    item.spine = in.op == 0x0E && in.table.length >= SPINE_TABLE;
                }
                body.items.add(item);
            }
            body.height.add(h);
            body.reachable.add(live);
            return body;
        }

        /**
         * The switch's dispatch, for the function that keeps a nest moved out: the index is
         * computed again (a copy of the pure code before the br_table) and a br_table sends the
         * cases whose bodies stayed here straight to them, so that only the cases inside the moved
         * nest pay the call (which dispatches them again on the same index). Null if the nest is
         * not plain blocks down to a pure index computation.
         */
        byte[] hoistedDispatch(Item spineItem) {
            Item cur = spineItem;
            int m = 0;
            while (true) {
                if (cur.head.op != 0x02 || cur.head.arity != 0 || cur.head.params != 0) { dbg("op " + cur.head.op + " at " + m); return null; }
                m++;
                Body b = cur.body;
                int t = -1;
                for (int k = 0; k < b.items.size(); k++) if (b.items.get(k).spine) { t = k; break; }
                if (t < 0) return null;
                Item child = b.items.get(t);
                if (child.construct()) {
                    if (t != 0) { dbg("t=" + t + " at " + m); return null; }   // code before the inner block: not a plain nest
                    cur = child;
                    continue;
                }
                Writer w = new Writer();
                for (int k = 0; k < t; k++) {
                    Insn in = b.items.get(k).head;
                    if (!pure(in.op)) { dbg("impure 0x" + Integer.toHexString(in.op) + " k=" + k + " of " + t); return null; }
                    w.bytes(code, in.start, in.end);
                }
                // depths seen from the br_table: < m-1 inside the moved nest, m-1 the end of the
                // nest (just after it), >= m the labels around it; here: $inner 0, $after 1, then those
                int[] table = child.head.table;
                w.b(0x0E).u32(table.length - 1);
                for (int d : table) w.u32(d < m - 1 ? 0 : d == m - 1 ? 1 : d - m + 2);
                return w.toBytes();
            }
        }

        /**
         * The front of the hot switch: the nest {@code nest} (its bytes as emitted, case bodies
         * already outlined) is about to move into a function of its own; this returns the code that
         * stays in front of that call: the switch's index computed again, and copies of the bodies of
         * the cases in {@code hot} (br_table indices) plus every body they branch or fall into, in a
         * nest of their own. The other cases branch to the end of the enclosing block, where the call
         * to the moved nest dispatches them again. Labels seen from the front: its own blocks, then
         * $cold (the call), $after (just after the nest), then the labels around the nest. Null if the
         * nest is not plain blocks down to a pure index computation.
         */
        byte[] hotFront(byte[] nest, int[] hot) {
            List<Insn> ins = decode(nest);
            int m = 0;
            while (ins.get(m).op == 0x02 && ins.get(m).params == 0) m++;
            if (m < 2 || ins.get(0).arity != 0) return null;
            int bt = m;
            while (ins.get(bt).op != 0x0E) {
                if (!pure(ins.get(bt).op)) return null;
                bt++;
            }
            int[] table = ins.get(bt).table;
            // body j (2..m) runs from after the end of block j to the end of block j-1
            int[] start = new int[m + 2], end = new int[m + 2];
            int level = m, j = m;
            for (int k = bt + 1; k < ins.size() && j >= 1; k++) {
                int op = ins.get(k).op;
                if (op == 0x02 || op == 0x03 || op == 0x04) level++;
                else if (op == 0x0B) {
                    if (level == j) {   // closes nest block j
                        end[j + 1] = k;
                        start[j] = k + 1;
                        j--;
                    }
                    level--;
                }
            }
            if (j != 0) return null;
            // closure: hot bodies and every body they branch or fall into
            java.util.TreeSet<Integer> set = new java.util.TreeSet<>(java.util.Collections.reverseOrder());
            java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
            for (int x : hot) {
                int d = table[Math.min(x, table.length - 1)];   // past the table: its default, as br_table does
                if (d <= m - 2 && set.add(m - d)) work.add(m - d);
            }
            while (!work.isEmpty()) {
                int b = work.poll();
                for (int t : bodyTargets(ins, start[b], end[b], b)) if (t >= 2 && set.add(t)) work.add(t);
            }
            List<Integer> order = new ArrayList<>(set);   // decreasing body index: code order
            int k = order.size();
            Map<Integer, Integer> copyOf = new HashMap<>();
            for (int s = 1; s <= k; s++) copyOf.put(order.get(s - 1), s);
            Writer w = new Writer();
            // G_i (outermost first) ends where copy number k+1-i begins, so it takes the block type
            // of that body's block in the nest (a block with a result hands its value to the body)
            for (int g = 1; g <= k; g++) {
                Insn block = ins.get(order.get(k - g) - 1);   // nest block j is instruction j-1
                w.bytes(nest, block.start, block.end);
            }
            for (int q = m; q < bt; q++) w.bytes(nest, ins.get(q).start, ins.get(q).end);
            w.b(0x0E).u32(table.length - 1);
            for (int d : table) {
                if (d <= m - 2) w.u32(copyOf.containsKey(m - d) ? copyOf.get(m - d) - 1 : k);
                else w.u32(k + 1 + (d - (m - 1)));
            }
            for (int s = 1; s <= k; s++) {
                w.b(0x0B);
                int b = order.get(s - 1);
                boolean falls = copyBody(w, nest, ins, start[b], end[b], b, s, k, copyOf);
                if (falls && b == 2) w.b(0x0C).u32(k - s + 1);   // falls out of the nest: to $after
            }
            hotFrontBodies = k;
            return w.toBytes();
        }

        /** Bodies (index >= 2) that body b of a nest branches or falls into; 1 stands for "after the nest". */
        List<Integer> bodyTargets(List<Insn> ins, int from, int to, int b) {
            List<Integer> out = new ArrayList<>();
            int ln = 0;
            Insn last = null;
            for (int q = from; q < to; q++) {
                Insn in = ins.get(q);
                switch (in.op) {
                    case 0x02: case 0x03: case 0x04: ln++; break;
                    case 0x0B: ln--; break;
                    case 0x0C: case 0x0D: if (in.imm - ln >= 0 && in.imm - ln <= b - 2) out.add(b - 1 - (in.imm - ln)); break;
                    case 0x0E: for (int d : in.table) if (d - ln >= 0 && d - ln <= b - 2) out.add(b - 1 - (d - ln)); break;
                    default: break;
                }
                last = in;
            }
            if (fallsThrough(last)) out.add(b - 1);
            return out;
        }

        boolean fallsThrough(Insn last) {
            return last == null || !(last.op == 0x0C || last.op == 0x0E || last.op == 0x0F || last.op == 0x00);
        }

        /** Writes body b as copy number s of k (see hotFront); true if its end is reachable. */
        boolean copyBody(Writer w, byte[] nest, List<Insn> ins, int from, int to, int b, int s, int k, Map<Integer, Integer> copyOf) {
            int ln = 0;
            Insn last = null;
            for (int q = from; q < to; q++) {
                Insn in = ins.get(q);
                switch (in.op) {
                    case 0x02: case 0x03: case 0x04: ln++; w.bytes(nest, in.start, in.end); break;
                    case 0x0B: ln--; w.bytes(nest, in.start, in.end); break;
                    case 0x0C: case 0x0D: w.b(in.op).u32(copyDepth(in.imm, ln, b, s, k, copyOf)); break;
                    case 0x0E:
                        w.b(0x0E).u32(in.table.length - 1);
                        for (int d : in.table) w.u32(copyDepth(d, ln, b, s, k, copyOf));
                        break;
                    default: w.bytes(nest, in.start, in.end);
                }
                last = in;
            }
            return fallsThrough(last);
        }

        int copyDepth(int d, int ln, int b, int s, int k, Map<Integer, Integer> copyOf) {
            int e = d - ln;
            if (e < 0) return d;                                     // a label inside the body
            if (e <= b - 3) return ln + copyOf.get(b - 1 - e) - s - 1;   // another body of the nest
            if (e == b - 2) return ln + k - s + 1;                   // just after the nest: $after
            return ln + k - s + 2 + (e - (b - 1));                   // around the nest
        }

        void dbg(String x) { if (Boolean.getBoolean("outline.debug")) System.out.println("  hoist " + funcIndex + ": " + x); }

        /**
         * Safe to run twice: no side effect but a trap that the moved nest would raise as well, or
         * a local set to the value the moved nest sets it to again (VDBE: the opcode, kept in a local).
         */
        boolean pure(int op) {
            return op == 0x20 || op == 0x21 || op == 0x22 || op == 0x23 || (op >= 0x28 && op <= 0x35) || (op >= 0x41 && op <= 0xC4);
        }

        boolean hasSpine(Body b) {
            for (Item i : b.items) if (i.spine) return true;
            return false;
        }

        /** {pops, pushes, ends reachability} of a plain instruction. */
        int[] effect(Insn in) {
            int op = in.op;
            switch (op) {
                case 0x00: return new int[] {0, 0, 1};
                case 0x01: return new int[] {0, 0, 0};
                case 0x0C: return new int[] {0, 0, 1};
                case 0x0D: return new int[] {1, 0, 0};
                case 0x0E: return new int[] {1, 0, 1};
                case 0x0F: return new int[] {0, 0, 1};
                case 0x10: { byte[][] t = types.get(funcTypes.get(in.imm)); return new int[] {t[0].length, t[1].length, 0}; }
                case 0x11: { byte[][] t = types.get(in.imm); return new int[] {t[0].length + 1, t[1].length, 0}; }
                case 0x1A: return new int[] {1, 0, 0};
                case 0x1B: case 0x1C: return new int[] {3, 1, 0};
                case 0x20: return new int[] {0, 1, 0};
                case 0x21: return new int[] {1, 0, 0};
                case 0x22: return new int[] {1, 1, 0};
                case 0x23: return new int[] {0, 1, 0};
                case 0x24: return new int[] {1, 0, 0};
                case 0x25: return new int[] {1, 1, 0};
                case 0x26: return new int[] {2, 0, 0};
                case 0x3F: return new int[] {0, 1, 0};
                case 0x40: return new int[] {1, 1, 0};
                case 0xD0: case 0xD2: return new int[] {0, 1, 0};
                case 0xD1: return new int[] {1, 1, 0};
                default: break;
            }
            if (op >= 0x28 && op <= 0x35) return new int[] {1, 1, 0};
            if (op >= 0x36 && op <= 0x3E) return new int[] {2, 0, 0};
            if (op >= 0x41 && op <= 0x44) return new int[] {0, 1, 0};
            if (op == 0x45 || op == 0x50) return new int[] {1, 1, 0};
            if (op >= 0x46 && op <= 0x66) return new int[] {2, 1, 0};
            if ((op >= 0x67 && op <= 0x69) || (op >= 0x79 && op <= 0x7B) || (op >= 0x8B && op <= 0x91)
                || (op >= 0x99 && op <= 0x9F) || (op >= 0xA7 && op <= 0xC4)) return new int[] {1, 1, 0};
            if ((op >= 0x6A && op <= 0x78) || (op >= 0x7C && op <= 0x8A) || (op >= 0x92 && op <= 0x98)
                || (op >= 0xA0 && op <= 0xA6)) return new int[] {2, 1, 0};
            if (op >= 0xFC00 && op <= 0xFC07) return new int[] {1, 1, 0};
            switch (op) {
                case 0xFC08: case 0xFC0A: case 0xFC0B: case 0xFC0C: case 0xFC0E: case 0xFC11: return new int[] {3, 0, 0};
                case 0xFC09: case 0xFC0D: return new int[] {0, 0, 0};
                case 0xFC0F: return new int[] {2, 1, 0};
                case 0xFC10: return new int[] {0, 1, 0};
                default: throw new IllegalStateException("opcode 0x" + Integer.toHexString(op) + " not supported by the outliner");
            }
        }

        /**
         * Writes {@code body} back, outlining runs of it if it is still too big once its inner
         * blocks are done. {@code labels}: arity of each enclosing label, outermost first (a block
         * with one result also carries its type: arity | type << 8).
         */
        byte[] emit(Body body, List<Integer> labels, int depth) {
            int n = body.items.size();
            byte[][] parts = new byte[n][];
            for (int i = 0; i < n; i++) {
                Item it = body.items.get(i);
                if (!it.construct()) {
                    parts[i] = java.util.Arrays.copyOfRange(code, it.head.start, it.head.end);
                    continue;
                }
                Writer w = new Writer().bytes(java.util.Arrays.copyOfRange(code, it.head.start, it.head.end));
                labels.add(it.head.op == 0x03 ? it.head.params : it.head.arity == 1 ? 1 | (it.head.result & 0xff) << 8 : it.head.arity);
                targets.add(it.head.op == 0x03 ? it.head.idx : it.endIdx);
                w.bytes(emit(it.body, labels, depth + 1));
                if (it.elseBody != null) w.b(0x05).bytes(emit(it.elseBody, labels, depth + 1));
                labels.remove(labels.size() - 1);
                targets.remove(targets.size() - 1);
                parts[i] = w.b(0x0B).toBytes();
            }
            int total = 0;
            for (byte[] p : parts) total += p.length;
            // The hot switch's nest (see hotFront): the whole nest moves into a function of its
            // own, and copies of the hot cases' code stay in front of the call.
            for (int i = 0; i < n; i++) {
                Item it = body.items.get(i);
                if (it != hotNest || body.height.get(i) != 0 || body.height.get(i + 1) != 0 || !body.reachable.get(i)) continue;
                byte[] front = hotFront(parts[i], hotCases);
                if (front == null) throw new IllegalStateException("function " + funcIndex + ": the VDBE's nest has no plain shape for a hot front");
                int fallIdx = i + 1 < n ? body.items.get(i + 1).head.idx : body.endIdx;
                siteShift = 1;
                byte[] replaced = outline(parts, i, i + 1, labels, !body.reachable.get(i + 1), it.head.idx, fallIdx);
                siteShift = 0;
                if (replaced == null) throw new IllegalStateException("function " + funcIndex + ": the VDBE's nest cannot move into a function of its own");
                replaced = new Writer().b(0x02).b(0x40).b(0x02).b(0x40).bytes(front).b(0x0B).bytes(replaced).b(0x0B).toBytes();
                total += replaced.length - parts[i].length;
                parts[i] = replaced;
                spineSplits++;
                hoisted++;
                log.append("\n  function ").append(funcIndex).append(" (the VDBE): ").append(hotCases.length).append(" hot opcodes, ")
                    .append(hotFrontBodies).append(" case bodies (").append(front.length).append(" bytes) in front of the nest");
                hotReport.append("function=").append(funcIndex).append("\nopcodes=").append(hotCases.length)
                    .append("\nbodies=").append(hotFrontBodies).append("\nbytes=").append(front.length).append('\n');
            }
            // A switch's nest that has grown past the budget (its case bodies already outlined
            // below) moves whole into a function of its own: the cases it holds then cost one
            // more call, the ones still ahead stay one jump away. Bottom-up, this cuts a big
            // switch into a few levels instead of leaving one method too big to compile.
            for (int i = 0; i < n && total > budget; i++) {
                Item it = body.items.get(i);
                if (!it.spine || it == hotNest || parts[i].length < nestBudget || body.height.get(i) != 0 || body.height.get(i + 1) != 0
                    || !body.reachable.get(i)) continue;
                int fallIdx = i + 1 < n ? body.items.get(i + 1).head.idx : body.endIdx;
                byte[] dispatch = hoistedDispatch(it);
                siteShift = dispatch == null ? 0 : 1;
                byte[] replaced = outline(parts, i, i + 1, labels, !body.reachable.get(i + 1), it.head.idx, fallIdx);
                siteShift = 0;
                if (replaced == null) continue;
                if (dispatch != null) {
                    // block $after { block $inner { dispatch } call the nest } : see hoistedDispatch
                    replaced = new Writer().b(0x02).b(0x40).b(0x02).b(0x40).bytes(dispatch).b(0x0B)
                        .bytes(replaced).b(0x0B).toBytes();
                    hoisted++;
                }
                total += replaced.length - parts[i].length;
                parts[i] = replaced;
                spineSplits++;
            }
            // In a switch's nest every case body goes out (it runs as one call from the dispatch),
            // elsewhere only as much as it takes to get under the budget.
            boolean nest = hasSpine(body);
            if (total > budget || nest) {
                // cut points: where this block's operand stack is empty and the code is reachable
                List<Integer> cuts = new ArrayList<>();
                for (int i = 0; i <= n; i++) {
                    if (body.reachable.get(i) && body.height.get(i) == 0) cuts.add(i);
                    else if (i == n && !body.reachable.get(i) && !cuts.isEmpty()) cuts.add(i);
                }
                List<int[]> runs = new ArrayList<>();
                int remaining = total;
                int ci = 0;
                while (ci < cuts.size() - 1 && (remaining > budget || nest)) {
                    int from = cuts.get(ci), size = 0, best = -1, bestSize = 0;
                    for (int cj = ci + 1; cj < cuts.size(); cj++) {
                        for (int k = cuts.get(cj - 1); k < cuts.get(cj); k++) size += body.items.get(k).spine ? Integer.MAX_VALUE / 2 : parts[k].length;
                        if (size > budget) break;
                        best = cj;
                        bestSize = size;
                    }
                    if (best < 0) {   // one piece between two cuts is too big by itself: leave it
                        ci++;
                        continue;
                    }
                    if (bestSize >= MIN_RUN) {
                        runs.add(new int[] {from, cuts.get(best)});
                        remaining -= bestSize;
                    }
                    ci = best;
                }
                for (int ri = runs.size() - 1; ri >= 0; ri--) {
                    int[] run = runs.get(ri);
                    int fallIdx = run[1] < n ? body.items.get(run[1]).head.idx : body.endIdx;
                    byte[] replaced = outline(parts, run[0], run[1], labels, !body.reachable.get(run[1]),
                        body.items.get(run[0]).head.idx, fallIdx);
                    if (replaced == null) continue;
                    parts[run[0]] = replaced;
                    for (int k = run[0] + 1; k < run[1]; k++) parts[k] = new byte[0];
                }
            }
            Writer w = new Writer();
            for (byte[] p : parts) w.bytes(p);
            return w.toBytes();
        }

        /** Moves parts[from..to) into a new function; returns the call that replaces them, or null if it cannot. */
        byte[] outline(byte[][] parts, int from, int to, List<Integer> labels, boolean neverFallsThrough,
                       int startIdx, int fallIdx) {
            if (outlined >= Integer.getInteger("outline.max", Integer.MAX_VALUE)) return null;
            Writer rw = new Writer();
            for (int k = from; k < to; k++) rw.bytes(parts[k]);
            byte[] region = rw.toBytes();
            List<Insn> ins = decode(region);
            // locals used and written; exits: branches past the region's level, and returns
            TreeSet<Integer> used = new TreeSet<>(), written = new TreeSet<>();
            LinkedHashMap<Integer, Integer> exits = new LinkedHashMap<>();   // outer depth -> exit code
            Map<Integer, Byte> valueExits = new HashMap<>();                 // outer depth -> type of the value a br carries there
            boolean returns = false;
            int level = 0;
            for (Insn in : ins) {
                switch (in.op) {
                    case 0x02: case 0x03: case 0x04: level++; break;
                    case 0x0B: level--; break;
                    case 0x20: used.add(in.imm); break;
                    case 0x21: case 0x22: used.add(in.imm); written.add(in.imm); break;
                    case 0x0F: returns = true; break;
                    case 0x0C: case 0x0D:
                        if (exitOk(in.imm, level, labels, exits)) break;
                        // a plain br out of the run with one value: the value goes through a global
                        if (in.op == 0x0C && in.imm - level < labels.size() - 1) {
                            int label = labels.get(labels.size() - 1 - (in.imm - level));
                            if ((label & 0xff) == 1 && (label >>> 8) != 0) {
                                valueExits.put(in.imm - level, (byte) (label >>> 8));
                                exits.putIfAbsent(in.imm - level, exits.size() + 1);
                                break;
                            }
                        }
                        return null;
                    case 0x0E:
                        for (int l : in.table) if (!exitOk(l, level, labels, exits)) return null;
                        break;
                    default: break;
                }
            }
            byte[][] ft = types.get(funcTypes.get(funcIndex));
            if (returns && ft[1].length > 1) return null;
            if (valueExits.size() > 1) return null;
            // The exit-code local of call sites already in the region is dead outside them: it maps to
            // the new function's own exit-code local instead of being passed in and handed back (handing
            // it back would overwrite the code this call returns).
            if (codeLocal >= 0) {
                used.remove(codeLocal);
                written.remove(codeLocal);
            }
            // Liveness trims the interface: only locals live on entry are passed in, and only the
            // written locals live where the region can go next are handed back; the rest of the
            // locals it uses become plain locals of the new function.
            long[] liveIn = live[startIdx];
            long[] liveOut = new long[liveIn.length];
            if (!neverFallsThrough) or(liveOut, live[fallIdx]);
            for (int outer : exits.keySet()) {
                int t = targets.get(targets.size() - 1 - outer);
                if (t >= 0) or(liveOut, live[t]);
            }
            TreeSet<Integer> passed = new TreeSet<>(), kept = new TreeSet<>();
            for (int l : used) (has(liveIn, l) ? passed : kept).add(l);
            written.removeIf(l -> !has(liveOut, l));
            int[] paramOf = new int[localTypes.size()];
            java.util.Arrays.fill(paramOf, -1);
            byte[] params = new byte[passed.size()];
            int slots = 0, pi = 0;
            for (int l : passed) {
                paramOf[l] = pi;
                params[pi++] = localTypes.get(l);
                slots += localTypes.get(l) == I64 || localTypes.get(l) == F64 ? 2 : 1;
            }
            if (slots > MAX_PARAM_SLOTS) return null;
            int myCode = params.length;   // the new function's own exit-code local
            if (codeLocal >= 0) paramOf[codeLocal] = myCode;
            int extra = myCode + 1;
            for (int l : kept) paramOf[l] = extra++;
            int nExits = exits.size() + (returns ? 1 : 0);
            int retCode = exits.size() + 1;
            // With few exits each gets a bit of its own, so that the call site tests it with an
            // and (Chicory compiles i32.eq to a method call, i32.and to one instruction).
            boolean bits = nExits <= BIT_CODES;
            // new function: block $out { block W_n { ... block W_1 { region } code 0 } ... } writeback; code
            Writer f = new Writer();
            f.u32(1 + kept.size()).u32(1).b(I32);   // the exit code, then the region's own locals
            for (int l : kept) f.u32(1).b(localTypes.get(l));
            f.b(0x02).b(0x40);        // $out
            for (int i = 0; i < nExits; i++) f.b(0x02).b(0x40);
            f.bytes(rewriteRegion(region, ins, paramOf, exits, valueExits, returns, ft));
            f.b(0x41).b(0).b(0x21).u32(myCode).b(0x0C).u32(nExits);
            for (int c = 1; c <= nExits; c++) {
                f.b(0x0B);   // end of W_c
                f.b(0x41).s32(bits ? 1 << (c - 1) : c).b(0x21).u32(myCode);
                if (c < nExits) f.b(0x0C).u32(nExits - c);
            }
            f.b(0x0B);   // end of $out
            // results: the exit code, then the hand-backs (multi-value)
            byte[] results = new byte[1 + written.size()];
            results[0] = I32;
            f.b(0x20).u32(myCode);
            int ri = 1;
            for (int l : written) {
                results[ri++] = localTypes.get(l);
                f.b(0x20).u32(paramOf[l]);
            }
            f.b(0x0B);
            int fn = addFunction(params, results, f.toBytes());
            if (Boolean.getBoolean("outline.debug")) System.out.println("  region of " + funcIndex + " -> " + fn + ": " + region.length
                + " bytes, " + (Boolean.getBoolean("outline.dis") ? dis(ins) : "") + " used " + used + ", written " + written + ", exits " + exits + ", returns " + returns + ", labels " + labels);
            // the call site
            Writer c = new Writer();
            for (int l : passed) c.b(0x20).u32(l);
            c.b(0x10).u32(fn);
            List<Integer> back = new ArrayList<>(written);
            for (int k = back.size() - 1; k >= 0; k--) c.b(0x21).u32(back.get(k));   // hand-backs, last on top
            if (nExits == 0) {
                c.b(0x1A);
                if (neverFallsThrough) c.b(0x00);
                return c.toBytes();
            }
            if (codeLocal < 0) {
                codeLocal = localTypes.size();
                localTypes.add(I32);
            }
            // The exit code stays on the stack unless hand-backs or a return check come first.
            boolean onStack = !returns && valueExits.isEmpty();
            if (!onStack) {
                c.b(0x21).u32(codeLocal);
                if (returns) {
                    if (bits) c.b(0x20).u32(codeLocal).b(0x41).s32(1 << (retCode - 1)).b(0x71).b(0x04).b(0x40);
                    else c.b(0x20).u32(codeLocal).b(0x41).s32(retCode).b(0x46).b(0x04).b(0x40);
                    if (ft[1].length == 1) c.b(0x23).u32(global(ft[1][0], -1));
                    c.b(0x0F).b(0x0B);
                }
            }
            // An exit with a value goes to a block of its own around the dispatch, which takes the value
            // from its global and branches on with it: block $done { block $v { dispatch; br $done } get; br }
            int wrap = valueExits.isEmpty() ? 0 : 2;
            List<Integer> outs = new ArrayList<>();   // in exit-code order 1..k
            for (int outer : exits.keySet()) outs.add(valueExits.containsKey(outer) ? 0 : outer + siteShift + wrap);
            Writer dispatch = c;
            if (wrap != 0) c = new Writer();
            if (outs.isEmpty()) {
                if (onStack) c.b(0x1A);
                // a run that never reaches its end never returns code 0: keep the code after it unreachable
                if (neverFallsThrough) c.b(0x00);
            } else if (neverFallsThrough && outs.size() == 1) {
                if (onStack) c.b(0x1A);
                c.b(0x0C).u32(outs.get(0));
            } else if (outs.size() == 1) {
                if (!onStack) c.b(0x20).u32(codeLocal);
                c.b(0x0D).u32(outs.get(0));
            } else if (bits) {
                // a few exits: test each one's bit and branch (Chicory turns every br_table into a
                // tableswitch, which costs the JIT-size budget several times more)
                if (onStack) c.b(0x21).u32(codeLocal);
                int last = outs.size() - 1;
                for (int i = 0; i < last; i++) c.b(0x20).u32(codeLocal).b(0x41).s32(1 << i).b(0x71).b(0x0D).u32(outs.get(i));
                if (neverFallsThrough) c.b(0x0C).u32(outs.get(last));
                else c.b(0x20).u32(codeLocal).b(0x0D).u32(outs.get(last));   // the only code left that is not 0
            } else if (neverFallsThrough) {
                // codes 1..k: br_table [e1, e1, ..., ek] default ek (code 0 never comes back)
                if (!onStack) c.b(0x20).u32(codeLocal);
                c.b(0x0E).u32(outs.size() + 1).u32(outs.get(0));
                for (int outer : outs) c.u32(outer);
                c.u32(outs.get(outs.size() - 1));
            } else {
                // block $d { br_table [$d, exits...] } : code 0 falls through
                if (onStack) c.b(0x21).u32(codeLocal);
                c.b(0x02).b(0x40).b(0x20).u32(codeLocal).b(0x0E).u32(outs.size() + 1).u32(0);
                for (int outer : outs) c.u32(outer + 1);
                c.u32(0).b(0x0B);
            }
            if (wrap != 0) {
                int outer = valueExits.keySet().iterator().next();
                dispatch.b(0x02).b(0x40).b(0x02).b(0x40).bytes(c.toBytes()).b(0x0C).u32(1).b(0x0B)
                    .b(0x23).u32(global(valueExits.get(outer), -2)).b(0x0C).u32(outer + siteShift + 1).b(0x0B);
                return dispatch.toBytes();
            }
            return c.toBytes();
        }

        /** Records a branch of depth {@code d} at nesting {@code level} inside the region; false if it carries values. */
        boolean exitOk(int d, int level, List<Integer> labels, Map<Integer, Integer> exits) {
            if (d < level) return true;
            int outer = d - level;
            if (outer >= labels.size()) throw new IllegalStateException("branch depth out of range");
            if (outer == labels.size() - 1) return false;   // to the function label: a return in disguise
            if (labels.get(labels.size() - 1 - outer) != 0) return false;
            exits.putIfAbsent(outer, exits.size() + 1);
            return true;
        }

        byte[] rewriteRegion(byte[] region, List<Insn> ins, int[] paramOf, Map<Integer, Integer> exits,
                             Map<Integer, Byte> valueExits, boolean returns, byte[][] ft) {
            Writer w = new Writer();
            int level = 0;
            int retCode = exits.size() + 1;
            for (Insn in : ins) {
                switch (in.op) {
                    case 0x02: case 0x03: case 0x04: level++; w.bytes(region, in.start, in.end); break;
                    case 0x0B: level--; w.bytes(region, in.start, in.end); break;
                    case 0x20: case 0x21: case 0x22: w.b(in.op).u32(paramOf[in.imm]); break;
                    case 0x0C: case 0x0D:
                        if (in.op == 0x0C && in.imm >= level && valueExits.containsKey(in.imm - level))
                            w.b(0x24).u32(global(valueExits.get(in.imm - level), -2));
                        w.b(in.op).u32(depth(in.imm, level, exits));
                        break;
                    case 0x0E:
                        w.b(0x0E).u32(in.table.length - 1);
                        for (int l : in.table) w.u32(depth(l, level, exits));
                        break;
                    case 0x0F:
                        if (ft[1].length == 1) w.b(0x24).u32(global(ft[1][0], -1));
                        w.b(0x0C).u32(level + retCode - 1);
                        break;
                    default: w.bytes(region, in.start, in.end);
                }
            }
            return w.toBytes();
        }

        int depth(int d, int level, Map<Integer, Integer> exits) {
            if (d < level) return d;
            return level + exits.get(d - level) - 1;
        }
    }

    static boolean has(long[] set, int local) {
        int w = local >>> 6;
        return w < set.length && (set[w] & (1L << local)) != 0;
    }

    static void or(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) into[i] |= from[i];
    }

    /**
     * Backward dataflow over the function's control flow: for each instruction, the locals whose
     * current value may still be read. Branches go to a block's end or a loop's start; a return
     * and unreachable end all paths.
     */
    static long[][] liveness(List<Insn> ins, int nLocals) {
        int n = ins.size(), words = (nLocals + 63) >>> 6;
        int[] match = new int[n], elseOf = new int[n];
        java.util.Arrays.fill(elseOf, -1);
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (Insn in : ins) {
            if (in.op == 0x02 || in.op == 0x03 || in.op == 0x04) open.push(in.idx);
            else if (in.op == 0x05) elseOf[open.peek()] = in.idx;
            else if (in.op == 0x0B && !open.isEmpty()) {
                int c = open.pop();
                match[c] = in.idx;
                if (elseOf[c] >= 0) match[elseOf[c]] = in.idx;
            }
        }
        int[][] succ = new int[n][];
        List<Integer> stack = new ArrayList<>();   // open constructs, innermost last
        for (Insn in : ins) {
            int i = in.idx;
            int nextI = i + 1 < n ? i + 1 : -1;
            switch (in.op) {
                case 0x02: case 0x03: stack.add(i); succ[i] = new int[] {nextI}; break;
                case 0x04: stack.add(i); succ[i] = new int[] {nextI, elseOf[i] >= 0 ? elseOf[i] + 1 : match[i]}; break;
                case 0x05: succ[i] = new int[] {match[i]}; break;
                case 0x0B: if (!stack.isEmpty()) stack.remove(stack.size() - 1); succ[i] = nextI < 0 ? new int[0] : new int[] {nextI}; break;
                case 0x0C: succ[i] = new int[] {target(ins, stack, match, in.imm)}; break;
                case 0x0D: succ[i] = new int[] {target(ins, stack, match, in.imm), nextI}; break;
                case 0x0E: {
                    succ[i] = new int[in.table.length];
                    for (int k = 0; k < in.table.length; k++) succ[i][k] = target(ins, stack, match, in.table[k]);
                    break;
                }
                case 0x0F: case 0x00: succ[i] = new int[0]; break;
                default: succ[i] = new int[] {nextI};
            }
        }
        long[][] live = new long[n][words];
        long[] scratch = new long[words];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                java.util.Arrays.fill(scratch, 0);
                for (int s : succ[i]) if (s >= 0) or(scratch, live[s]);
                Insn in = ins.get(i);
                if (in.op == 0x21 || in.op == 0x22) scratch[in.imm >>> 6] &= ~(1L << in.imm);   // set, tee
                if (in.op == 0x20) scratch[in.imm >>> 6] |= 1L << in.imm;                       // get
                if (!java.util.Arrays.equals(scratch, live[i])) {
                    System.arraycopy(scratch, 0, live[i], 0, words);
                    changed = true;
                }
            }
        }
        return live;
    }

    /** The instruction a branch of depth {@code d} goes to: a loop's start, a block's end; -1: the function's exit. */
    static int target(List<Insn> ins, List<Integer> stack, int[] match, int d) {
        if (d >= stack.size()) return -1;
        int c = stack.get(stack.size() - 1 - d);
        return ins.get(c).op == 0x03 ? c : match[c];
    }

    static String dis(List<Insn> ins) {
        StringBuilder sb = new StringBuilder();
        for (Insn in : ins) {
            sb.append(Integer.toHexString(in.op));
            if (in.op == 0x0C || in.op == 0x0D || (in.op >= 0x20 && in.op <= 0x24) || in.op == 0x10) sb.append(':').append(in.imm);
            if (in.table != null) sb.append(java.util.Arrays.toString(in.table));
            sb.append(' ');
        }
        return sb.toString();
    }

    // ---- instruction decoding ----

    static List<Insn> decode(byte[] code) {
        List<Insn> out = new ArrayList<>();
        Reader r = new Reader(code, 0);
        while (r.pos < code.length) {
            Insn in = new Insn();
            in.start = r.pos;
            in.idx = out.size();
            int op = code[r.pos++] & 0xff;
            in.op = op;
            switch (op) {
                case 0x02: case 0x03: case 0x04: blockType(r, in); break;
                case 0x0C: case 0x0D: case 0x10: case 0x20: case 0x21: case 0x22: case 0x23: case 0x24:
                case 0x25: case 0x26: case 0xD2:
                    in.imm = r.u32(); break;
                case 0x0E: {
                    int n = r.u32();
                    in.table = new int[n + 1];
                    for (int i = 0; i <= n; i++) in.table[i] = r.u32();
                    break;
                }
                case 0x11: in.imm = r.u32(); r.u32(); break;
                case 0x1C: { int n = r.u32(); r.pos += n; break; }
                case 0x3F: case 0x40: r.pos++; break;
                case 0x41: r.s64(); break;
                case 0x42: r.s64(); break;
                case 0x43: r.pos += 4; break;
                case 0x44: r.pos += 8; break;
                case 0xD0: r.pos++; break;
                case 0xFC: {
                    int sub = r.u32();
                    in.op = 0xFC00 | sub;
                    switch (sub) {
                        case 8: r.u32(); r.pos++; break;
                        case 9: case 13: r.u32(); break;
                        case 10: r.pos += 2; break;
                        case 11: r.pos++; break;
                        case 12: case 14: r.u32(); r.u32(); break;
                        case 15: case 16: case 17: r.u32(); break;
                        default: if (sub > 7) throw new IllegalStateException("0xFC " + sub);
                    }
                    break;
                }
                default:
                    if (op >= 0x28 && op <= 0x3E) { r.u32(); r.u32(); }
                    else if (op == 0x12 || op == 0x13 || op == 0xFD || op == 0xFB || op == 0xFE)
                        throw new IllegalStateException("opcode 0x" + Integer.toHexString(op) + " not supported by the outliner");
            }
            in.end = r.pos;
            out.add(in);
        }
        return out;
    }

    static List<byte[][]> typesForDecode;

    static void blockType(Reader r, Insn in) {
        int b = r.b[r.pos] & 0xff;
        if (b == 0x40) { r.pos++; in.arity = 0; in.params = 0; return; }
        if (b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x7B || b == 0x70 || b == 0x6F) {
            r.pos++; in.arity = 1; in.params = 0; in.result = (byte) b; return;
        }
        long idx = r.s64();
        byte[][] t = typesForDecode.get((int) idx);
        in.params = t[0].length;
        in.arity = t[1].length;
        if (t[1].length == 1) in.result = t[1][0];
    }

    // ---- the VDBE's opcode names ----

    /**
     * The names SQLite's EXPLAIN prints for its opcodes, by opcode number, as the binary holds them:
     * {@code sqlite3OpcodeName}'s table of pointers to strings in the data segments, which starts
     * with opcode 0, "Savepoint" (so it has been in every SQLite since 3.6), and runs while each
     * entry points at a name.
     */
    static final class VdbeOpcodeNames {
        static List<String> read(byte[] wasm, List<int[]> sections) {
            Map<Integer, byte[]> segments = new java.util.TreeMap<>();
            for (int[] s : sections) {
                if (s[0] != 11) continue;
                Reader p = new Reader(wasm, s[1]);
                int n = p.u32();
                for (int i = 0; i < n; i++) {
                    int flag = p.u32();
                    if (flag == 2) p.u32();   // memory index
                    int offset = -1;
                    if (flag != 1) {
                        if ((wasm[p.pos++] & 0xff) != 0x41) throw new IllegalStateException("data segment offset is no i32.const");
                        offset = (int) p.s64();
                        if ((wasm[p.pos++] & 0xff) != 0x0B) throw new IllegalStateException("data segment offset is no constant");
                    }
                    int len = p.u32();
                    if (offset >= 0) segments.put(offset, java.util.Arrays.copyOfRange(wasm, p.pos, p.pos + len));
                    p.pos += len;
                }
            }
            java.util.function.IntFunction<String> name = addr -> {
                for (Map.Entry<Integer, byte[]> e : segments.entrySet()) {
                    int at = addr - e.getKey();
                    byte[] d = e.getValue();
                    if (at < 0 || at >= d.length) continue;
                    int end = at;
                    while (end < d.length && d[end] != 0) {
                        if (!Character.isLetterOrDigit(d[end])) return null;
                        end++;
                    }
                    return end > at && end < d.length ? new String(d, at, end - at, java.nio.charset.StandardCharsets.US_ASCII) : null;
                }
                return null;
            };
            for (Map.Entry<Integer, byte[]> e : segments.entrySet()) {
                byte[] d = e.getValue();
                for (int at = (4 - e.getKey() % 4) % 4; at + 8 <= d.length; at += 4) {
                    int first = (d[at] & 0xff) | (d[at + 1] & 0xff) << 8 | (d[at + 2] & 0xff) << 16 | (d[at + 3] & 0xff) << 24;
                    if (!"Savepoint".equals(name.apply(first))) continue;
                    List<String> names = new ArrayList<>();
                    for (int q = at; q + 4 <= d.length; q += 4) {
                        int ptr = (d[q] & 0xff) | (d[q + 1] & 0xff) << 8 | (d[q + 2] & 0xff) << 16 | (d[q + 3] & 0xff) << 24;
                        String n = name.apply(ptr);
                        if (n == null) break;
                        names.add(n);
                    }
                    if (names.size() > 100 && names.get(1).equals("AutoCommit")) return names;
                }
            }
            throw new IllegalStateException("no table of VDBE opcode names (sqlite3OpcodeName) in the binary's data");
        }
    }

    // ---- LEB128 ----

    static final class Reader {
        final byte[] b;
        int pos;
        Reader(byte[] b, int pos) { this.b = b; this.pos = pos; }
        int u32() {
            int result = 0, shift = 0;
            while (true) {
                int x = b[pos++] & 0xff;
                result |= (x & 0x7f) << shift;
                if ((x & 0x80) == 0) return result;
                shift += 7;
            }
        }
        long s64() {
            long result = 0;
            int shift = 0, x;
            do {
                x = b[pos++] & 0xff;
                result |= (long) (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            if (shift < 64 && (x & 0x40) != 0) result |= -1L << shift;
            return result;
        }
        byte[] valtypes() {
            int n = u32();
            byte[] t = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return t;
        }
    }

    static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        Writer b(int x) { out.write(x); return this; }
        Writer bytes(byte[] x) { out.write(x, 0, x.length); return this; }
        Writer bytes(byte[] x, int from, int to) { out.write(x, from, to - from); return this; }
        Writer u32(int v) {
            long x = v & 0xffffffffL;
            do {
                int byt = (int) (x & 0x7f);
                x >>>= 7;
                if (x != 0) byt |= 0x80;
                out.write(byt);
            } while (x != 0);
            return this;
        }
        Writer s32(int v) {
            long x = v;
            while (true) {
                int byt = (int) (x & 0x7f);
                x >>= 7;
                if ((x == 0 && (byt & 0x40) == 0) || (x == -1 && (byt & 0x40) != 0)) { out.write(byt); return this; }
                out.write(byt | 0x80);
            }
        }
        byte[] toBytes() { return out.toByteArray(); }
    }
}
