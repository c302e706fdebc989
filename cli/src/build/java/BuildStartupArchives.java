import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step (cli/pom.xml, package phase, after the shade): a start-up archive of the executable jar
 * for each JVM given, made by a training run of the CLI (dev.livestorejvm.cli.TrainingRun), and the
 * launcher script that picks the archive matching the JVM it runs on (docs/startup.md).
 * <ul>
 * <li>JDK 25 and later: an AOT cache ({@code -XX:AOTCacheOutput}, JEP 483/514/515: classes loaded
 *     and linked, and method profiles), {@code <jar>-<version>.aot};</li>
 * <li>JDK 13 to 24: a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}: classes parsed and
 *     verified), {@code <jar>-<version>.jsa};</li>
 * </ul>
 * where version is the JDK's JAVA_RUNTIME_VERSION (its {@code release} file), which is what the
 * launcher reads: an archive only works on the exact JVM build that made it. Each JDK gets one
 * archive per part of the training run (TrainingRun.Part): the whole run's, and smaller ones
 * ({@code <jar>-<version>-sql.aot}, {@code -help.aot}) that the launcher gives {@code sql}/{@code version}
 * and help requests, since a JVM pays at start for every class in the archive it maps.
 * <p>Usage: {@code BuildStartupArchives JAR LAUNCHER_SOURCE WORKDIR BUILD_JAVA_HOME [OTHER_JAVA_HOMES]};
 * the build's own JDK must succeed; OTHER_JAVA_HOMES is {@code auto} (the installed JDKs 25 or later,
 * {@link InstalledJdks}), {@code none}, or comma-separated homes, which are skipped with a message
 * when absent or too old, so a machine with JDK 17 only builds as before.
 */
public class BuildStartupArchives {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path launcher = Path.of(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        installLauncher(launcher, jar.resolveSibling("bin").resolve("livestore-jvm"));
        Path buildHome = Path.of(args[3]);
        archive(jar, work, buildHome, true);
        String others = args.length > 4 ? args[4].trim() : "none";
        List<Path> homes = new ArrayList<>();
        if (others.equals("auto")) {
            homes.addAll(InstalledJdks.atLeast(25, release(buildHome, "JAVA_RUNTIME_VERSION")));
            if (homes.isEmpty()) System.out.println("[startup-archive] no JDK 25 or later found (livestore.archive.jdks=auto): JDK 17's archive only");
        } else if (!others.equals("none")) {
            for (String home : others.split(",")) {
                if (!home.isBlank()) homes.add(Path.of(home.trim()));
            }
        }
        for (Path home : homes) archive(jar, work, home, false);
    }

    private static void installLauncher(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the script is for POSIX shells anyway
        }
    }

    /** The training run's parts (TrainingRun.Part) and the suffix of each one's archive. */
    private static final String[][] PARTS = {{"all", ""}, {"sql", "-sql"}, {"help", "-help"}};

    private static void archive(Path jar, Path work, Path home, boolean required) throws Exception {
        Path java = home.resolve("bin").resolve("java");
        String version = release(home, "JAVA_RUNTIME_VERSION");
        String feature = release(home, "JAVA_VERSION");
        if (!Files.isExecutable(java) || version == null || feature == null) {
            skip(required, home + ": no JDK there (no bin/java or no release file)");
            return;
        }
        int major = Integer.parseInt(feature.split("[.+-]")[0]);
        if (major < 13) {
            skip(required, home + ": JDK " + major + " has no dynamic archive (13 or later needed)");
            return;
        }
        String base = jar.toString().replaceFirst("\\.jar$", "") + "-" + version;
        for (String[] part : PARTS) {
            Path archive = Path.of(base + part[1] + (major >= 25 ? ".aot" : ".jsa"));
            if (!train(jar, work.resolve("training-" + major + "-" + part[0]), java, major, archive, part[0], version, required)) return;
        }
    }

    /** One training run of {@code part} on {@code java}, writing {@code archive}; false when it failed and may. */
    private static boolean train(Path jar, Path work, Path java, int major, Path archive, String part, String version,
                                 boolean required) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.add((major >= 25 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive);
        Files.deleteIfExists(archive);
        command.addAll(List.of("-cp", jar.toString(), "dev.livestorejvm.cli.TrainingRun", work.toString(), part));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(required, "training run timed out: " + command);
            return false;
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
            fail(required, "training run exited " + p.exitValue() + (Files.isRegularFile(archive) ? "" : ", no archive") + ": " + command);
            return false;
        }
        System.out.printf("[startup-archive] %s (%,d bytes, JDK %s, %.1f s)%n", archive.getFileName(), Files.size(archive), version,
            (System.nanoTime() - t0) / 1e9);
        return true;
    }

    static String release(Path home, String key) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) return null;
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith(key + "=")) return line.substring(key.length() + 1).replace("\"", "").trim();
        }
        return null;
    }

    private static void skip(boolean required, String why) {
        if (required) throw new IllegalStateException("[startup-archive] " + why);
        System.out.println("[startup-archive] skipped " + why);
    }

    private static void fail(boolean required, String why) {
        if (required) throw new IllegalStateException("[startup-archive] " + why);
        System.out.println("[startup-archive] skipped: " + why);
    }

    /**
     * The JDKs installed where CI images and package managers put them, for {@code livestore.archive.jdks=auto}:
     * the {@code JAVA_HOME_<N>_X64}/{@code _AARCH64} variables (GitHub's runner images, setup-java), the
     * subdirectories of /usr/lib/jvm (Debian, Ubuntu), /opt/java, ~/.sdkman/candidates/java and ~/.jdks;
     * one home per runtime version.
     */
    static final class InstalledJdks {
        static List<Path> atLeast(int feature, String skipVersion) throws IOException {
            List<Path> candidates = new ArrayList<>();
            System.getenv().entrySet().stream()
                .filter(e -> e.getKey().matches("JAVA_HOME_\\d+_(X64|AARCH64)"))
                .forEach(e -> candidates.add(Path.of(e.getValue())));
            String user = System.getProperty("user.home");
            for (Path dir : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of(user, ".sdkman", "candidates", "java"),
                Path.of(user, ".jdks"))) {
                if (!Files.isDirectory(dir)) continue;
                try (var list = Files.list(dir)) {
                    list.sorted().forEach(candidates::add);
                }
            }
            java.util.Map<String, Path> byVersion = new java.util.TreeMap<>();
            for (Path home : candidates) {
                Path real;
                try {
                    real = home.toRealPath();
                } catch (IOException e) {
                    continue;   // a dangling link or variable
                }
                String version = release(real, "JAVA_RUNTIME_VERSION");
                String javaVersion = release(real, "JAVA_VERSION");
                if (version == null || javaVersion == null || version.equals(skipVersion)) continue;
                if (!Files.isExecutable(real.resolve("bin").resolve("java"))) continue;
                int major;
                try {
                    major = Integer.parseInt(javaVersion.split("[.+-]")[0]);
                } catch (NumberFormatException e) {
                    continue;   // not a version this step understands: not a candidate
                }
                if (major >= feature) byVersion.putIfAbsent(version, real);
            }
            return new ArrayList<>(byVersion.values());
        }
    }
}
