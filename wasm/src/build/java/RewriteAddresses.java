import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Build step on the classes Chicory's compiler generated: a load or store whose constant offset (the
 * wasm memarg) is at most {@link #NEAR} bytes calls one static method of the project's memory,
 * {@code FlatMemory.<helper>Near}, which adds the offset plainly and reads or writes the flat array.
 * Chicory computes every address with {@code Shaded.getAddr(base, offset)}, which returns the base
 * itself when it is negative (an unsigned address of 2 GiB or more) so that the access traps, and
 * then calls the memory through its interface: a test and two calls on every one of the module's
 * ~34,000 accesses, paid in full by the bytecode interpreter and tier-3 code in a process's first
 * seconds. Each call of a shaded {@code memoryRead}/{@code memoryWrite} helper with a constant
 * offset of 0..NEAR goes to the FlatMemory method of the same name plus {@code Near} and the same
 * descriptor (the memory is always a FlatMemory in compiled mode: WasmInstance's factory).
 *
 * <p>The documented deviation (issue 21, README "Deviations"): a base within NEAR bytes below 4 GiB
 * (unsigned), which well-formed C and SQLite never form, then reads or writes a low address
 * instead of trapping. Every other base behaves as before: a sum past 2 GiB - 1 is negative and
 * traps in the memory's index check, a base that is not negative plus the offset is the wasm
 * address. The JVM stays memory-safe (the memory is a Java array); the interpreted mode (Chicory's
 * interpreter, no rewrite) stays exact. Usage: {@code RewriteAddresses <classesDir> <classPrefix> [<report>]}.
 */
public final class RewriteAddresses implements Opcodes {
    /** The largest constant offset that takes the plain sum. */
    static final int NEAR = 1024;
    static final String MEMORY = "Lcom/dylibso/chicory/runtime/Memory;";
    static final String SUFFIX = "Near";
    /** Where the Near methods are: the project's memory. */
    static final String FLAT = "dev/livestorejvm/wasm/FlatMemory";

    int near, far;

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        String prefix = args[1];
        ClassNode sn = new ClassNode();
        new ClassReader(Files.readAllBytes(dir.resolve(prefix + "MachineShaded.class"))).accept(sn, 0);
        List<String> helpers = helpers(sn);
        String shaded = sn.name;

        RewriteAddresses r = new RewriteAddresses();
        GeneratedClasses.rewriteEach(dir, prefix + "MachineFuncGroup_*.class", cn -> r.rewrite(cn, shaded, helpers));
        if (r.near == 0) {
            throw new IllegalStateException("no load or store of Chicory's shape in " + dir + ": rewritten already, or Chicory's code generation changed");
        }
        System.out.println("[addresses] " + prefix + ": " + r.near + " loads and stores with a constant offset of at most " + NEAR
            + " bytes add it plainly (" + r.far + " others keep getAddr)");
        GeneratedClasses.report(args, 2, "near=" + r.near + "\nfar=" + r.far + "\n");
    }

    /**
     * The shaded memoryRead and memoryWrite helpers (name + desc), each checked to be Chicory's shape:
     * one getAddr call, then the memory's method. FlatMemory has a Near method for each.
     */
    static List<String> helpers(ClassNode sn) {
        List<String> helpers = new ArrayList<>();
        for (MethodNode m : sn.methods) {
            if (!(m.name.startsWith("memoryRead") || m.name.startsWith("memoryWrite")) || !m.desc.contains(MEMORY + ")")) continue;
            int getAddr = 0;
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                if (i.getOpcode() == INVOKESTATIC && ((MethodInsnNode) i).name.equals("getAddr") && ((MethodInsnNode) i).desc.equals("(II)I")) getAddr++;
            }
            if (getAddr != 1) throw new IllegalStateException(sn.name + "." + m.name + " calls getAddr " + getAddr + " times, expected once");
            helpers.add(m.name + m.desc);
        }
        if (helpers.isEmpty()) throw new IllegalStateException("no memoryRead/memoryWrite helpers in " + sn.name);
        return helpers;
    }

    boolean rewrite(ClassNode cn, String shaded, List<String> helpers) {
        int before = near;
        for (MethodNode m : cn.methods) {
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                if (i.getOpcode() != INVOKESTATIC) continue;
                MethodInsnNode call = (MethodInsnNode) i;
                if (!call.owner.equals(shaded) || !helpers.contains(call.name + call.desc)) continue;
                // Chicory pushes ..., base, [value,] offset (a constant), memory (aload), then calls
                AbstractInsnNode memory = call.getPrevious();
                Integer offset = memory == null || memory.getOpcode() != ALOAD ? null : constant(memory.getPrevious());
                if (offset != null && offset >= 0 && offset <= NEAR) {
                    call.owner = FLAT;
                    call.name = call.name + SUFFIX;
                    near++;
                } else {
                    far++;
                }
            }
        }
        return near > before;
    }

    /** The int an instruction pushes, if it pushes a constant int; else null. */
    static Integer constant(AbstractInsnNode i) {
        if (i == null) return null;
        int op = i.getOpcode();
        if (op >= ICONST_M1 && op <= ICONST_5) return op - ICONST_0;
        if (op == BIPUSH || op == SIPUSH) return ((IntInsnNode) i).operand;
        if (op == LDC && ((LdcInsnNode) i).cst instanceof Integer) return (Integer) ((LdcInsnNode) i).cst;
        return null;
    }
}
