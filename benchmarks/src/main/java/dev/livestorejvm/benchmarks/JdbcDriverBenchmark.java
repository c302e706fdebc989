package dev.livestorejvm.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a connection of this engine's JDBC driver ({@code jdbc:livestore-sqlite:}) costs to open: on
 * a shared runtime (what a pool pays to grow) and with a runtime of its own. W1's phases through the
 * driver, beside the engine's own API, xerial's native driver and sqlite4j, are {@link W1Benchmark}'s
 * target {@code jdbc} (the insert phase wants 6 warm-up iterations to leave the JDBC path compiled):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar W1Benchmark -p target=jdbc,livestore,native,sqlite4j -wi 6 -jvmArgsAppend -Dw1.rows=10000
 * java -jar benchmarks/target/benchmarks.jar JdbcDriverBenchmark
 * </pre>
 * {@link #borrowFromWarmPool} is what an application pays per {@code getConnection()} once the
 * pool is full: the target is at most 1 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class JdbcDriverBenchmark {

    /** A HikariCP pool of 10 over the driver, filled before the measurement (its connections already open). */
    @State(Scope.Benchmark)
    public static class WarmPool {
        com.zaxxer.hikari.HikariDataSource pool;

        @Setup
        public void fill() throws Exception {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jdbc-pool-bench");
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl("jdbc:livestore-sqlite:" + dir.resolve("pool.db"));
            config.setMaximumPoolSize(10);
            config.setMinimumIdle(10);
            pool = new com.zaxxer.hikari.HikariDataSource(config);
            Connection[] all = new Connection[10];
            for (int i = 0; i < all.length; i++) all[i] = pool.getConnection();   // all ten opened now
            for (Connection c : all) c.close();
        }

        @TearDown
        public void close() {
            pool.close();
        }
    }

    /**
     * Borrowing a connection from a warm HikariCP pool and giving it back: what a request pays for
     * its connection (HikariCP also checks a connection idle for over 500 ms with {@code isValid},
     * a {@code SELECT 1}; here they are borrowed back to back). Target: at most 1 ms.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean borrowFromWarmPool(WarmPool s) throws Exception {
        try (Connection c = s.pool.getConnection()) {
            return c.getAutoCommit();
        }
    }

    /** {@link #borrowFromWarmPool} plus {@code isValid} (a {@code SELECT 1}): a borrow after the connection idled. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean borrowFromWarmPoolAndValidate(WarmPool s) throws Exception {
        try (Connection c = s.pool.getConnection()) {
            return c.isValid(1);
        }
    }

    /** Opening and closing a connection on the driver's shared runtimes (already created): what a pool pays per new connection. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean connectShared() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:")) {
            return c.isValid(0);
        }
    }

    /** Opening and closing a connection with a runtime of its own (a new wasm instance each time). */
    @Benchmark
    public boolean connectDedicated() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:?dedicated_runtime=true")) {
            return c.isValid(0);
        }
    }

    /**
     * Heap a connection holds: {@code java -cp benchmarks/target/benchmarks.jar
     * dev.livestorejvm.benchmarks.JdbcDriverBenchmark} opens 10 connections each way and prints
     * the heap growth per connection (after GC; indicative).
     */
    public static void main(String[] args) throws Exception {
        for (String url : new String[] {"jdbc:livestore-sqlite::memory:", "jdbc:livestore-sqlite::memory:?dedicated_runtime=true"}) {
            Connection warm = DriverManager.getConnection(url);
            long before = usedAfterGc();
            Connection[] cs = new Connection[10];
            long t0 = System.nanoTime();
            for (int i = 0; i < cs.length; i++) cs[i] = DriverManager.getConnection(url);
            long openMs = (System.nanoTime() - t0) / 1_000_000;
            long after = usedAfterGc();
            System.out.printf("%s: 10 connections opened in %d ms, heap +%.1f MB per connection%n", url, openMs,
                (after - before) / 10.0 / (1 << 20));
            for (Connection c : cs) c.close();
            warm.close();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
