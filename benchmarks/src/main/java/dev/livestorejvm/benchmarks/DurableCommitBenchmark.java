package dev.livestorejvm.benchmarks;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable commits: one autocommit single-row insert per operation, on a real file with
 * {@code synchronous=FULL} (every commit reaches the disk), this engine beside native SQLite
 * (xerial) in the same journal mode. WAL runs in exclusive locking mode on both sides, the only
 * WAL this engine's relayed VFS supports. {@code livestore-batch} is the engine's batch-atomic VFS
 * (one fdatasync per commit) and is compared with native DELETE. The 10,000 commits are
 * sampled as time-bounded iterations: the score is the time of one commit. Warm-up runs ~10,000
 * commits first: a commit runs each of SQLite's pager and VFS paths once, so HotSpot compiles
 * them only after thousands of commits, where native code is fast from the first.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class DurableCommitBenchmark {
    @Param({"livestore-delete", "native-delete", "livestore-wal", "native-wal", "livestore-batch"})
    public String target;

    /** Where the files go; a real disk, not tmpfs, for the fsyncs to mean something. */
    @Param({"target/durable-commit"})
    public String directory;

    private Path dir;
    private SqliteRuntime runtime;
    private Database db;
    private dev.livestorejvm.sqlite.Statement insert;
    private Connection jdbc;
    private PreparedStatement jdbcInsert;
    private long n;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Files.createDirectories(Path.of(directory));
        dir = Files.createTempDirectory(Path.of(directory), target + "-");
        String file = dir.resolve("commits.db").toString();
        boolean wal = target.endsWith("-wal");
        String pragmas = (wal ? "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL;" : "PRAGMA journal_mode=DELETE;")
            + " PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
        if (target.startsWith("livestore")) {
            runtime = SqliteRuntime.create();
            db = target.equals("livestore-batch")
                ? runtime.open(file, SqliteRuntime.DEFAULT_OPEN_FLAGS, SqliteRuntime.FILE_BATCH_ATOMIC_VFS)
                : runtime.open(file);
            db.exec(pragmas);
            insert = db.prepare("INSERT INTO t(v) VALUES (?)");
        } else {
            jdbc = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
            try (java.sql.Statement s = jdbc.createStatement()) {
                for (String p : pragmas.split(";")) s.execute(p.trim());
            }
            jdbcInsert = jdbc.prepareStatement("INSERT INTO t(v) VALUES (?)");
        }
    }

    @Benchmark
    public long commit() throws Exception {
        String v = "row " + (++n);
        if (insert != null) return insert.bindText(1, v).executeUpdate();
        jdbcInsert.setString(1, v);
        return jdbcInsert.executeUpdate();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (insert != null) {
            insert.close();
            db.close();
            runtime.close();
        } else {
            jdbcInsert.close();
            jdbc.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}
