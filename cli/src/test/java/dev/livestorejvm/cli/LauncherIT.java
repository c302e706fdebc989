package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * target/bin/livestore-jvm, the launcher that hands the JVM the start-up archive the build trained
 * for it (BuildStartupArchives, docs/startup.md): it uses the archive when it matches, and runs
 * the jar plainly, with nothing on stderr, when there is none or it is stale.
 */
class LauncherIT {
    private static final Path JAR = Path.of(System.getProperty("livestore.cli.jar", "target/livestore-jvm.jar"));
    private static final Path LAUNCHER = JAR.resolveSibling("bin").resolve("livestore-jvm");
    private static final String JAVA_HOME = System.getProperty("java.home");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err, String classLoads) {}

    /** Runs the launcher on this test's JVM with the class-load log written to a file. */
    private Run launch(Path launcher, String... args) throws IOException, InterruptedException {
        return launchWith("", launcher, args);
    }

    /** {@link #launch} with more JVM options in JAVA_OPTS. */
    private Run launchWith(String javaOpts, Path launcher, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("class-load-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(concat(launcher.toString(), args));
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        pb.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + log + " " + javaOpts);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err")), Files.exists(log) ? Files.readString(log) : "");
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    /** The archive the build made for this JVM (named after its JAVA_RUNTIME_VERSION): the whole training run's. */
    private static Path archiveForThisJvm() throws IOException {
        return archiveForThisJvm("");
    }

    /** The archive of one part of the training run ("", "-sql" or "-help") for this JVM. */
    private static Path archiveForThisJvm(String part) throws IOException {
        String version = Files.readAllLines(Path.of(JAVA_HOME, "release")).stream()
            .filter(l -> l.startsWith("JAVA_RUNTIME_VERSION=")).findFirst().orElseThrow()
            .replaceFirst("^JAVA_RUNTIME_VERSION=\"(.*)\"$", "$1");
        String base = JAR.toAbsolutePath().toString().replaceFirst("\\.jar$", "") + "-" + version;
        Path aot = Path.of(base + part + ".aot");
        return Files.exists(aot) ? aot : Path.of(base + part + ".jsa");
    }

    /**
     * Help requests get the archive of the help part, {@code sql} and {@code version} the sql part's,
     * every other command the whole run's: a JVM pays at start for every class of the archive it maps.
     */
    @Test
    void eachCommandGetsTheArchiveOfItsPart() throws Exception {
        String[][] cases = {{"-help", "--help"}, {"-help", "serve", "-h"}, {"-sql", "sql", "select 1"}, {"-sql", "version"},
            {"", "inspect", "--mode", "nothing"}, {"", "demo", "--no-such-option"}};
        for (String[] c : cases) {
            Path archive = archiveForThisJvm(c[0]);
            assertTrue(Files.isRegularFile(archive), "the build trains " + archive);
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run r = launchWith("-XX:+PrintCommandLineFlags", LAUNCHER, args);
            String flag = archive.toString().endsWith(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
            String used = r.out().lines().filter(l -> l.contains(flag)).findFirst().orElse("")
                .replaceFirst("(?s).*" + flag + "(\\S+).*", "$1");
            assertFalse(used.isEmpty(), "no archive for " + String.join(" ", args) + ": " + r.out());
            assertEquals(archive.toRealPath(), Path.of(used).toRealPath(), String.join(" ", args));
        }
    }

    @Test
    void theBuildsArchiveServesTheClasses() throws Exception {
        assertTrue(Files.isRegularFile(archiveForThisJvm()), "the build trains an archive for its own JDK: " + archiveForThisJvm());
        Run r = launch(LAUNCHER, "sql", "--mode", "list", "select 40 + 2");
        assertEquals(new Run(0, "42\n", "", r.classLoads()), r);
        assertTrue(r.classLoads().matches("(?s).*dev\\.livestorejvm\\.cli\\.SqlCommand source: shared objects file.*"),
            "SqlCommand comes from the archive");
    }

    /** picocli ships Java 5 class files, which no archive holds; the build rewrites them (UpgradeOldClassFiles). */
    @Test
    void picocliComesFromTheArchiveToo() throws Exception {
        Run r = launch(LAUNCHER, "sql", "--mode", "list", "--help");   // not a bare help request: picocli parses it
        assertEquals(0, r.code(), r.err());
        assertTrue(r.classLoads().matches("(?s).*picocli\\.CommandLine source: shared objects file.*"),
            "picocli.CommandLine comes from the archive");
        assertFalse(r.classLoads().matches("(?s).*picocli\\.\\S+ source: (jar|file):.*"), "no picocli class is read from the jar");
    }

    /** A bare help request prints the usage rendered at build time (UsageTexts): picocli's model is never built. */
    @Test
    void aHelpRequestLoadsNoPicocliModel() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"sql", "--help"}, {"serve", "-h"}}) {
            Run r = launch(LAUNCHER, args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: livestore-jvm"), r.out());
            assertFalse(r.classLoads().matches("(?s).*picocli\\.CommandLine source.*"), "picocli.CommandLine loaded for " + String.join(" ", args));
        }
    }

    /** A copy of the jar and the launcher, without the archive, or with one that no longer fits. */
    private Path copyInstallation(boolean withArchive) throws IOException {
        Path jar = Files.copy(JAR, tmp.resolve("livestore-jvm.jar"));
        Files.createDirectories(tmp.resolve("bin"));
        Path launcher = Files.copy(LAUNCHER, tmp.resolve("bin").resolve("livestore-jvm"));
        if (withArchive) {
            Path archive = archiveForThisJvm();
            Files.copy(archive, tmp.resolve(archive.getFileName()));
            // the jar "rebuilt" after the archive: the JVM must refuse the archive, quietly
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() + 60_000));
        }
        return launcher;
    }

    @Test
    void withoutAnArchiveTheJarRunsPlainly() throws Exception {
        Run r = launch(copyInstallation(false), "sql", "--mode", "list", "select 7");
        assertEquals(new Run(0, "7\n", "", r.classLoads()), r);
        assertFalse(r.classLoads().contains("dev.livestorejvm.cli.SqlCommand source: shared objects file"));
    }

    @Test
    void aStaleArchiveIsIgnoredQuietly() throws Exception {
        Run r = launch(copyInstallation(true), "sql", "--mode", "list", "select 8");
        assertEquals(new Run(0, "8\n", "", r.classLoads()), r);
        assertFalse(r.classLoads().contains("dev.livestorejvm.cli.SqlCommand source: shared objects file"));
    }
}
