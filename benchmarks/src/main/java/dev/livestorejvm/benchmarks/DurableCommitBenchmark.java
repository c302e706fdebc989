package dev.livestorejvm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
    private DurableTarget db;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Files.createDirectories(Path.of(directory));
        dir = Files.createTempDirectory(Path.of(directory), target + "-");
        db = new DurableTarget(target, dir.resolve("commits.db"));
    }

    @Benchmark
    public long commit() throws Exception {
        return db.commit();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        db.close();
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
