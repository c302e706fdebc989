import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;

/**
 * What the build steps that rewrite the classes Chicory's compiler generated (DropInterruptChecks,
 * RewriteResults, RewriteGlobals) share. Those steps are single-file programs, which cannot see
 * each other's code; the build compiles this class first and puts it on their class path.
 */
public final class GeneratedClasses {
    static final String MEMORY = "com/dylibso/chicory/runtime/Memory";

    private GeneratedClasses() {
    }

    /** A rewrite of one class in place: true if it changed the class (which is then written back). */
    public interface Rewrite {
        boolean apply(ClassNode cn);
    }

    /**
     * Reads every class of dir whose file name matches glob, rewrites it and writes back those the
     * rewrite changed. The rewrites keep their frames and maxs right themselves, so the writer
     * computes nothing (and needs none of Chicory's classes). Returns how many classes it read.
     */
    public static int rewriteEach(Path dir, String glob, Rewrite rewrite) throws IOException {
        int read = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path p : files) {
                ClassNode cn = new ClassNode();
                new ClassReader(Files.readAllBytes(p)).accept(cn, 0);
                read++;
                if (!rewrite.apply(cn)) continue;
                ClassWriter cw = new ClassWriter(0);
                cn.accept(cw);
                Files.write(p, cw.toByteArray());
            }
        }
        return read;
    }

    /** The local slot of the Memory parameter Chicory passes second to last; -1 if there is none. */
    public static int memorySlot(String desc) {
        Type[] args = Type.getArgumentTypes(desc);
        if (args.length < 2 || args[args.length - 2].getSort() != Type.OBJECT || !args[args.length - 2].getInternalName().equals(MEMORY)) return -1;
        int slot = 0;
        for (int k = 0; k < args.length - 2; k++) slot += args[k].getSize();
        return slot;
    }

    /** Writes a step's counts for the tests to args[index], if the build named a report there. */
    public static void report(String[] args, int index, String counts) throws IOException {
        if (args.length <= index) return;
        Path report = Paths.get(args[index]);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, counts);
    }
}
