package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a class's {@code main} in a child JVM on the tests' class path, where file permissions hold: root ignores
 * them (CI runs as root), so as root the child runs inside a user namespace ({@code unshare --user}), where the
 * files' owner is not privileged. A test that checks what happens on a read-only file or directory runs its
 * checks there and asserts on the lines the child prints.
 */
public final class Unprivileged {
    private Unprivileged() {}

    /** The child's standard output, line by line; fails (with its standard error) unless it exits with 0. */
    public static List<String> run(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            Assumptions.assumeTrue(works("unshare", "--user", "true"), "running as root without user namespaces: permissions cannot be tested");
            command.addAll(List.of("unshare", "--user"));
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("unprivileged", ".out");
        Path errors = Files.createTempFile("unprivileged", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(errors.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the child did not finish in 120 s: " + Files.readString(out) + Files.readString(errors));
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), String.join("\n", lines) + "\n" + Files.readString(errors));
            return lines;
        } finally {
            Files.delete(out);
            Files.delete(errors);
        }
    }

    /** Whether the command runs and exits with 0. */
    public static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
