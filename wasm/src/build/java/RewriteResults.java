import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Build step on the classes Chicory's compiler generated (after OutlineWasm and the compiler), for
 * the cost the outlining added to every VDBE opcode: an outlined function hands locals back as
 * extra results, and Chicory returns a function's results in a new {@code long[]} (built by
 * {@code value_*}; the caller unpacks it). Here each such function {@code func_N} gets a twin
 * {@code func_N_r} that returns its first result (the exit code, always i32) and puts the others in
 * the slots of the instance's memory ({@code ResultSlots}, i32/i64 only); every call site of the
 * usual shape ({@code astore}, then the elements in order) calls the twin and reads the slots
 * instead. {@code func_N} stays, as a wrapper that builds the array, for the callers of any other
 * shape (Chicory's dispatch). What the module computes does not change. Usage:
 * {@code RewriteResults <classesDir> <classPrefix> [<report>]}: rewrites
 * {@code <classPrefix>MachineFuncGroup_*.class} in place; the report gets the counts (for the tests).
 */
public final class RewriteResults implements Opcodes {
    static final String SLOTS = "dev/livestorejvm/wasm/ResultSlots";
    /** The slots ResultSlots declares (r1..r32): functions with more extra results keep the array. */
    static final int SLOT_COUNT = 32;

    int twins, multiValue, sites, arraySites, maxSlot;

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        RewriteResults r = new RewriteResults();
        int classes = GeneratedClasses.rewriteEach(dir, args[1] + "MachineFuncGroup_*.class", cn -> {
            if (cn.methods.stream().anyMatch(m -> m.name.startsWith("func_") && m.name.endsWith("_r"))) {
                throw new IllegalStateException(cn.name + " was rewritten already: run the build from Chicory's compiler on");
            }
            r.rewrite(cn);   // maxs and frames set here
            return true;
        });
        if (classes == 0) throw new IllegalStateException("no " + args[1] + "MachineFuncGroup_*.class in " + dir);
        System.out.println("[results] " + args[1] + ": " + r.twins + " of " + r.multiValue + " multi-value functions return through slots, "
            + r.sites + " call sites read them, " + r.arraySites + " still unpack an array");
        GeneratedClasses.report(args, 2, "twins=" + r.twins + "\nsites=" + r.sites + "\narraySites=" + r.arraySites + "\nmultiValue=" + r.multiValue
            + "\nmaxSlot=" + r.maxSlot + "\n");
    }

    void rewrite(ClassNode cn) {
        Map<String, Twin> byFunction = new HashMap<>();   // key: name and descriptor of the function a twin stands for
        for (MethodNode m : new ArrayList<>(cn.methods)) {
            if (!m.name.startsWith("func_") || !m.desc.endsWith(")[J")) continue;
            multiValue++;
            int mem = GeneratedClasses.memorySlot(m.desc);
            MethodInsnNode pack = packCall(m);
            if (mem < 0 || pack == null) continue;
            Type[] results = Type.getArgumentTypes(pack.desc);
            if (!slotsFit(results)) continue;
            MethodNode twin = twin(m, mem, results);
            cn.methods.add(twin);
            wrap(m, cn.name, twin, mem, pack);
            maxSlot = Math.max(maxSlot, results.length - 1);
            byFunction.put(m.name + m.desc, new Twin(twin, results));
            twins++;
        }
        for (MethodNode m : cn.methods) {
            int mem = GeneratedClasses.memorySlot(m.desc);
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; ) {
                AbstractInsnNode next = i.getNext();
                if (i instanceof MethodInsnNode) {
                    MethodInsnNode call = (MethodInsnNode) i;
                    Twin twin = call.owner.equals(cn.name) ? byFunction.get(call.name + call.desc) : null;
                    if (twin != null && mem >= 0 && readSlots(m, call, twin.results, mem, twin.method)) {
                        sites++;
                        next = call.getNext();
                    } else if (twin != null && m.name.startsWith("func_")) {
                        arraySites++;   // a wasm call of another shape: still through the array (Chicory's call_N adapters are meant to)
                    }
                }
                i = next;
            }
        }
    }

    /** A function's twin and the types of the results it stands for (the first returned, the rest in slots). */
    record Twin(MethodNode method, Type[] results) {}

    /** The {@code value_*} call before every {@code areturn} of m, if all are the same; else null. */
    static MethodInsnNode packCall(MethodNode m) {
        MethodInsnNode pack = null;
        for (AbstractInsnNode i : m.instructions) {
            if (i.getOpcode() != ARETURN) continue;
            AbstractInsnNode p = i.getPrevious();
            if (!(p instanceof MethodInsnNode) || !((MethodInsnNode) p).name.startsWith("value_")) return null;
            if (pack != null && !pack.desc.equals(((MethodInsnNode) p).desc)) return null;
            pack = (MethodInsnNode) p;
        }
        return pack;
    }

    static boolean slotsFit(Type[] results) {
        if (results.length < 2 || results.length - 1 > SLOT_COUNT || results[0] != Type.INT_TYPE) return false;
        for (int k = 1; k < results.length; k++) if (results[k] != Type.INT_TYPE && results[k] != Type.LONG_TYPE) return false;
        return true;
    }

    /** A copy of m returning its first result and storing the others in the slots. */
    static MethodNode twin(MethodNode m, int mem, Type[] results) {
        MethodNode t = new MethodNode(m.access, m.name + "_r", m.desc.substring(0, m.desc.indexOf(')') + 1) + "I", null, null);
        m.accept(t);
        int[] local = new int[results.length];
        int next = t.maxLocals;
        for (int k = 1; k < results.length; k++) {
            local[k] = next;
            next += results[k].getSize();
        }
        for (AbstractInsnNode i = t.instructions.getFirst(); i != null; ) {
            AbstractInsnNode after = i.getNext();
            if (i.getOpcode() == ARETURN) {
                InsnList r = new InsnList();
                for (int k = results.length - 1; k >= 1; k--) r.add(new VarInsnNode(results[k].getOpcode(ISTORE), local[k]));
                for (int k = 1; k < results.length; k++) {
                    slots(r, mem);
                    r.add(new VarInsnNode(results[k].getOpcode(ILOAD), local[k]));
                    if (results[k] == Type.INT_TYPE) r.add(new InsnNode(I2L));
                    r.add(new FieldInsnNode(PUTFIELD, SLOTS, "r" + k, "J"));
                }
                r.add(new InsnNode(IRETURN));
                t.instructions.remove(i.getPrevious());   // the value_* call
                t.instructions.insert(i, r);
                t.instructions.remove(i);
            }
            i = after;
        }
        t.maxLocals = next;
        t.maxStack = Math.max(t.maxStack, 4);   // first result, memory, a long
        return t;
    }

    /** m's body becomes: call the twin, build the array from its result and the slots. */
    static void wrap(MethodNode m, String owner, MethodNode twin, int mem, MethodInsnNode pack) {
        Type[] results = Type.getArgumentTypes(pack.desc);
        InsnList w = new InsnList();
        int slot = 0;
        for (Type a : Type.getArgumentTypes(m.desc)) {
            w.add(new VarInsnNode(a.getOpcode(ILOAD), slot));
            slot += a.getSize();
        }
        w.add(new MethodInsnNode(INVOKESTATIC, owner, twin.name, twin.desc, false));
        int stack = 1;
        for (int k = 1; k < results.length; k++) {
            slots(w, mem);
            w.add(new FieldInsnNode(GETFIELD, SLOTS, "r" + k, "J"));
            if (results[k] == Type.INT_TYPE) w.add(new InsnNode(L2I));
            stack += results[k].getSize();
        }
        w.add(new MethodInsnNode(INVOKESTATIC, pack.owner, pack.name, pack.desc, false));
        w.add(new InsnNode(ARETURN));
        m.instructions.clear();
        m.instructions.add(w);
        m.tryCatchBlocks.clear();
        m.localVariables = null;
        m.maxLocals = slot;
        m.maxStack = Math.max(slot, stack + 2);
    }

    static void slots(InsnList l, int mem) {
        l.add(new VarInsnNode(ALOAD, mem));
        l.add(new TypeInsnNode(CHECKCAST, SLOTS));
    }

    /**
     * At a call site {@code call; astore T; (aload T; k; laload; [l2i])} for k = 0.. in order: calls
     * the twin and reads element k from slot k (element 0 is the twin's result). The array local
     * gets null instead, so the frames that still name it stay valid. False (and nothing changed)
     * for any other shape.
     */
    static boolean readSlots(MethodNode m, MethodInsnNode call, Type[] results, int mem, MethodNode twin) {
        AbstractInsnNode store = call.getNext();
        if (store == null || store.getOpcode() != ASTORE) return false;
        int array = ((VarInsnNode) store).var;
        List<AbstractInsnNode[]> reads = new ArrayList<>();
        AbstractInsnNode x = store.getNext();
        for (int k = 0; k < results.length; k++) {
            if (x == null || x.getOpcode() != ALOAD || ((VarInsnNode) x).var != array) return false;
            AbstractInsnNode index = x.getNext(), load = index.getNext();
            if (constant(index) != k || load == null || load.getOpcode() != LALOAD) return false;
            AbstractInsnNode after = load.getNext();
            boolean narrow = results[k] == Type.INT_TYPE;
            if (narrow && (after == null || after.getOpcode() != L2I)) return false;
            reads.add(k == 0 ? new AbstractInsnNode[] {x, index, load, after} : new AbstractInsnNode[] {x, index, load});
            x = narrow ? after.getNext() : after;
        }
        call.name = twin.name;
        call.desc = twin.desc;
        m.instructions.insertBefore(store, new InsnNode(ACONST_NULL));
        for (AbstractInsnNode n : reads.get(0)) m.instructions.remove(n);
        for (int k = 1; k < results.length; k++) {
            AbstractInsnNode[] e = reads.get(k);
            InsnList r = new InsnList();
            slots(r, mem);
            r.add(new FieldInsnNode(GETFIELD, SLOTS, "r" + k, "J"));
            m.instructions.insertBefore(e[0], r);
            for (AbstractInsnNode n : e) m.instructions.remove(n);
        }
        return true;
    }

    static int constant(AbstractInsnNode i) {
        int op = i == null ? -1 : i.getOpcode();
        if (op >= ICONST_0 && op <= ICONST_5) return op - ICONST_0;
        if (op == BIPUSH || op == SIPUSH) return ((IntInsnNode) i).operand;
        return -1;
    }
}
