import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Build step on the classes Chicory's compiler generated: the address of a load or store whose
 * constant offset (the wasm memarg) is at most {@link #NEAR} bytes is a plain {@code base + offset}.
 * Chicory computes every address with {@code Shaded.getAddr(base, offset)}, which returns the base
 * itself when it is negative (an unsigned address of 2 GiB or more) so that the access traps; that
 * test and its call sit on every one of the module's ~34,000 accesses. Here the shaded copy of each
 * {@code memoryRead}/{@code memoryWrite} helper gets a twin {@code <name>Near} whose
 * {@code getAddr} call is an {@code iadd}, and each call with a constant offset of 0..NEAR goes to
 * the twin.
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

    int near, far;

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        String prefix = args[1];
        Path shadedFile = dir.resolve(prefix + "MachineShaded.class");
        ClassNode sn = new ClassNode();
        new ClassReader(Files.readAllBytes(shadedFile)).accept(sn, 0);
        List<String> helpers = addTwins(sn);
        String shaded = sn.name;
        ClassWriter sw = new ClassWriter(0);
        sn.accept(sw);
        Files.write(shadedFile, sw.toByteArray());

        RewriteAddresses r = new RewriteAddresses();
        GeneratedClasses.rewriteEach(dir, prefix + "MachineFuncGroup_*.class", cn -> r.rewrite(cn, shaded, helpers));
        if (r.near == 0) throw new IllegalStateException("no load or store of Chicory's shape in " + dir + ": Chicory's code generation changed");
        System.out.println("[addresses] " + prefix + ": " + r.near + " loads and stores with a constant offset of at most " + NEAR
            + " bytes add it plainly (" + r.far + " others keep getAddr)");
        GeneratedClasses.report(args, 2, "near=" + r.near + "\nfar=" + r.far + "\n");
    }

    /** Adds the Near twin of every memoryRead and memoryWrite helper; returns the helpers (name + desc). */
    static List<String> addTwins(ClassNode sn) {
        List<MethodNode> twins = new ArrayList<>();
        List<String> helpers = new ArrayList<>();
        for (MethodNode m : sn.methods) {
            if (!(m.name.startsWith("memoryRead") || m.name.startsWith("memoryWrite")) || !m.desc.contains(MEMORY + ")")) continue;
            if (m.name.endsWith(SUFFIX)) throw new IllegalStateException(sn.name + " has " + m.name + " already: rewritten twice?");
            MethodNode twin = new MethodNode(m.access, m.name + SUFFIX, m.desc, m.signature, m.exceptions.toArray(new String[0]));
            m.accept(twin);
            int replaced = 0;
            for (AbstractInsnNode i = twin.instructions.getFirst(); i != null; i = i.getNext()) {
                if (i.getOpcode() == INVOKESTATIC && ((MethodInsnNode) i).name.equals("getAddr") && ((MethodInsnNode) i).desc.equals("(II)I")) {
                    InsnNode add = new InsnNode(IADD);
                    twin.instructions.set(i, add);
                    i = add;
                    replaced++;
                }
            }
            if (replaced != 1) throw new IllegalStateException(sn.name + "." + m.name + " calls getAddr " + replaced + " times, expected once");
            twins.add(twin);
            helpers.add(m.name + m.desc);
        }
        if (helpers.isEmpty()) throw new IllegalStateException("no memoryRead/memoryWrite helpers in " + sn.name);
        sn.methods.addAll(twins);
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
