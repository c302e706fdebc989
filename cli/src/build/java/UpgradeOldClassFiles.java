import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;

/**
 * Build step (cli/pom.xml, package phase, after the shade and before the start-up archives): rewrites
 * the executable jar's class files older than Java 6 (picocli 4.7.7 ships Java 5 class files, version
 * 49) as Java 8 class files (version 52) with stack map frames, computed by ASM. Neither JDK 17's
 * AppCDS archive nor JDK 25's AOT cache stores a class file older than version 50 ("Old class has
 * been linked"), so without this every run loaded, parsed and verified picocli's ~180 classes from the
 * jar and ran them without the cache's profiles (docs/startup.md). The code is unchanged: only the
 * version, the frames the type-checking verifier needs, and subroutines (jsr/ret, not allowed from
 * version 51) inlined.
 * <p>Usage: {@code UpgradeOldClassFiles JAR} (rewritten in place); prints how many classes it rewrote.
 */
public class UpgradeOldClassFiles {
    /** Class files below this major version are left out of CDS/AOT archives. */
    private static final int FIRST_ARCHIVABLE = 50;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path out = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        // frames need the common superclass of two types: the jar's own classes answer that
        try (ZipFile zip = new ZipFile(jar.toFile());
             URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && majorVersion(bytes) > 0 && majorVersion(bytes) < FIRST_ARCHIVABLE) {
                    bytes = upgrade(bytes, types, entry.getName());
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zout.putNextEntry(copy);
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("[upgrade-class-files] %d class files older than Java 6 rewritten as Java 8 in %s%n", upgraded, jar.getFileName());
    }

    /** The class file's major version, or 0 when the bytes are not a class file. */
    private static int majorVersion(byte[] b) {
        if (b.length < 8 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe || (b[2] & 0xff) != 0xba || (b[3] & 0xff) != 0xbe) return 0;
        return ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }

    static byte[] upgrade(byte[] bytes, ClassLoader types, String name) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return types;
            }
        };
        ClassVisitor upgrader = new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String className, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, className, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, method, descriptor, signature, exceptions);
                return new JSRInlinerAdapter(mv, access, method, descriptor, signature, exceptions);
            }
        };
        try {
            new ClassReader(bytes).accept(upgrader, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            throw new IllegalStateException("[upgrade-class-files] cannot rewrite " + name + ": " + e, e);
        }
        return writer.toByteArray();
    }
}
