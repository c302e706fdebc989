import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Build step on the classes Chicory's compiler generated: removes the thread-interruption checks.
 * Chicory calls {@code Thread.currentThread().isInterrupted()} before every call and every loop
 * back-edge (13,221 places in the default module) and throws out of the wasm code when the flag is
 * set. For SQLite that is harmful as well as slow: C code stopped at an arbitrary instruction (in
 * the middle of malloc, of a B-tree balance) leaves the instance's heap inconsistent, and the next
 * statement may write that into a database file. Statements are cancelled the way SQLite provides
 * (a progress handler, {@code sqlite3_interrupt}), which unwind cleanly. The flag's volatile read
 * also keeps HotSpot from keeping memory fields in registers across loop iterations: every W1
 * phase ran 6-10% faster without the checks.
 * <p>Every call of {@code <prefix>MachineShaded.checkInterruption()} in {@code <prefix>Machine*.class}
 * goes, and that method's body becomes a plain return. What the module computes does not change.
 * Usage: {@code DropInterruptChecks <classesDir> <classPrefix> [<report>]}.
 */
public final class DropInterruptChecks implements Opcodes {
    static final String CHECK = "checkInterruption";

    int calls, classes;
    boolean emptied;

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        DropInterruptChecks d = new DropInterruptChecks();
        // fewer instructions, same frames: nothing to compute
        GeneratedClasses.rewriteEach(dir, args[1] + "Machine*.class", cn -> {
            boolean changed = d.dropCalls(cn);
            if (cn.name.endsWith("/" + args[1] + "MachineShaded")) {
                d.emptied = empty(cn);
                changed |= d.emptied;
            }
            return changed;
        });
        if (d.calls == 0 || !d.emptied) {
            throw new IllegalStateException("no " + CHECK + " calls (or no " + args[1] + "MachineShaded." + CHECK
                + ") in " + dir + ": rewritten already (run the build from Chicory's compiler on), or Chicory's code generation changed");
        }
        System.out.println("[interrupt] " + args[1] + ": " + d.calls + " thread-interruption checks removed from " + d.classes + " classes");
        GeneratedClasses.report(args, 2, "calls=" + d.calls + "\nclasses=" + d.classes + "\n");
    }

    /** Removes every call of checkInterruption (no arguments, no result: nothing else to undo). */
    boolean dropCalls(ClassNode cn) {
        int before = calls;
        for (MethodNode m : cn.methods) {
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; ) {
                AbstractInsnNode next = i.getNext();
                if (i.getOpcode() == INVOKESTATIC && ((MethodInsnNode) i).name.equals(CHECK) && ((MethodInsnNode) i).desc.equals("()V")) {
                    m.instructions.remove(i);
                    calls++;
                }
                i = next;
            }
        }
        if (calls > before) classes++;
        return calls > before;
    }

    /** The check itself becomes a plain return (for any caller outside these classes). */
    static boolean empty(ClassNode cn) {
        for (MethodNode m : cn.methods) {
            if (!m.name.equals(CHECK) || !m.desc.equals("()V")) continue;
            m.instructions.clear();
            m.instructions.add(new InsnNode(RETURN));
            m.tryCatchBlocks.clear();
            if (m.localVariables != null) m.localVariables.clear();
            m.maxStack = 0;
            m.maxLocals = 0;
            return true;
        }
        return false;
    }
}
