import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Build step on the classes Chicory's compiler generated: global 0 (the stack pointer) lives in
 * the field {@code GlobalSlots.g0} of the instance's memory object. Chicory compiles
 * {@code global.get 0} to {@code iconst_0; aload instance; invokestatic readGlobal}, which goes
 * through {@code Instance.global(int)}; here each such read becomes {@code aload memory; checkcast
 * GlobalSlots; getfield g0}, and each {@code global.set 0} a call of
 * {@code GlobalSlots.setStackPointer}, which traps when the stack would run below its end (into
 * SQLite's static data) and otherwise stores the field. Accesses of another
 * shape are left alone (the report counts what was rewritten; the tests require nearly all).
 * {@code WasmInstance} copies the global's initial value into the field before any wasm code runs.
 * What the module computes does not change. Usage:
 * {@code RewriteGlobals <classesDir> <classPrefix> [<report>]}.
 */
public final class RewriteGlobals implements Opcodes {
    static final String SLOTS = "dev/livestorejvm/wasm/GlobalSlots";
    static final String INSTANCE = "Lcom/dylibso/chicory/runtime/Instance;";

    int reads, writes, others;

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        RewriteGlobals r = new RewriteGlobals();
        // same frames; max stack unchanged (see rewrite)
        GeneratedClasses.rewriteEach(dir, args[1] + "MachineFuncGroup_*.class", r::rewrite);
        if (r.reads == 0 || r.writes == 0) {
            throw new IllegalStateException("no global 0 accesses of Chicory's shape in " + dir + ": rewritten already, or Chicory's code generation changed");
        }
        System.out.println("[globals] " + args[1] + ": " + r.reads + " reads and " + r.writes + " writes of global 0 go to a field ("
            + r.others + " accesses of other shapes or globals left)");
        GeneratedClasses.report(args, 2, "reads=" + r.reads + "\nwrites=" + r.writes + "\nothers=" + r.others + "\n");
    }

    boolean rewrite(ClassNode cn) {
        int before = reads + writes;
        for (MethodNode m : cn.methods) {
            int mem = GeneratedClasses.memorySlot(m.desc);
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                if (i.getOpcode() != INVOKESTATIC) continue;
                MethodInsnNode call = (MethodInsnNode) i;
                boolean read = call.name.equals("readGlobal") && call.desc.equals("(I" + INSTANCE + ")J");
                boolean write = call.name.equals("writeGlobal") && call.desc.equals("(JI" + INSTANCE + ")V");
                if (!read && !write) continue;
                AbstractInsnNode instance = call.getPrevious();
                AbstractInsnNode index = instance == null ? null : instance.getPrevious();
                if (mem < 0 || instance.getOpcode() != ALOAD || index == null || index.getOpcode() != ICONST_0) {
                    others++;
                    continue;
                }
                // stack before: ..., [value (long),] 0, instance  (two slots; the field access needs
                // at most the memory reference beside the value: max stack does not grow)
                InsnList with = new InsnList();
                with.add(new VarInsnNode(ALOAD, mem));
                with.add(new TypeInsnNode(CHECKCAST, SLOTS));
                if (read) {
                    with.add(new FieldInsnNode(GETFIELD, SLOTS, "g0", "J"));
                    reads++;
                } else {
                    with.add(new InsnNode(DUP_X2));   // value, ref -> ref, value, ref
                    with.add(new InsnNode(POP));
                    // the bound check on the C stack's end, then the store (GlobalSlots.setStackPointer)
                    with.add(new MethodInsnNode(INVOKESTATIC, SLOTS, "setStackPointer", "(L" + SLOTS + ";J)V", false));
                    writes++;
                }
                AbstractInsnNode last = with.getLast();
                m.instructions.insert(call, with);
                m.instructions.remove(index);
                m.instructions.remove(instance);
                m.instructions.remove(call);
                i = last;
            }
        }
        return reads + writes > before;
    }
}
