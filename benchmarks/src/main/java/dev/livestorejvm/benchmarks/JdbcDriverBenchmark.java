package dev.livestorejvm.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
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
 * W1's phases through JDBC with this engine's driver ({@code jdbc:livestore-sqlite:}), in one run
 * with the engine's own API ("engine"), xerial's native driver ("native") and sqlite4j: what the
 * driver adds over the engine, and how it compares. Also what a connection costs to open: on a
 * shared runtime (what a pool pays to grow) and with a runtime of its own.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar JdbcDriverBenchmark -Dw1.rows=10000</pre>
 * (add {@code -jvmArgsAppend -Dw1.rows=N} for the forked JVM; default 100,000 rows).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 1)   // the insert phase runs ~1 op per second: fewer leave the JDBC path half-compiled
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class JdbcDriverBenchmark {

    /** W1 through this driver: the same calls as {@link JdbcTarget} makes on xerial and sqlite4j. */
    static final class DriverTarget implements W1Target {
        private final Connection c;

        DriverTarget() throws Exception {
            c = DriverManager.getConnection("jdbc:livestore-sqlite::memory:");
        }

        @Override
        public void reset() throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute(DROP);
                s.execute(CREATE);
            }
        }

        @Override
        public void insert(int n) throws Exception {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 1; i <= n; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, W1Target.name(i));
                    ps.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }

        @Override
        public long pointSelects(int n) throws Exception {
            long sum = 0;
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                for (int i = 1; i <= n; i++) {
                    ps.setLong(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw new IllegalStateException("row " + i + " missing");
                        sum += rs.getLong(1) + rs.getString(2).length();
                    }
                }
            }
            return sum;
        }

        @Override
        public long likeScan() throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LIKE)) {
                rs.next();
                return rs.getLong(1) + rs.getLong(2);
            }
        }

        @Override
        public void update(int n, int round) throws Exception {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                for (int i = 1; i <= n; i++) {
                    ps.setString(1, "upd-" + i + "-" + round);
                    ps.setLong(2, i);
                    ps.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }

        @Override
        public void close() throws Exception {
            c.close();
        }
    }

    static W1Target open(String target) throws Exception {
        switch (target) {
            case "jdbc": return new DriverTarget();
            case "engine": return W1Target.open("livestore");
            default: return W1Target.open(target);
        }
    }

    @State(Scope.Benchmark)
    public static class Empty {
        @Param({"jdbc", "engine", "native", "sqlite4j"})
        public String target;
        W1Target db;
        int rows;

        @Setup(Level.Trial)
        public void open() throws Exception {
            db = JdbcDriverBenchmark.open(target);
            rows = W1Target.rows(target);
        }

        @Setup(Level.Invocation)
        public void empty() throws Exception {
            db.reset();
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Filled {
        @Param({"jdbc", "engine", "native", "sqlite4j"})
        public String target;
        W1Target db;
        int rows;
        int round;

        @Setup(Level.Trial)
        public void open() throws Exception {
            db = JdbcDriverBenchmark.open(target);
            rows = W1Target.rows(target);
            db.reset();
            db.insert(rows);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            db.close();
        }
    }

    @Benchmark
    public void insert(Empty s) throws Exception {
        s.db.insert(s.rows);
    }

    @Benchmark
    public long pointSelect(Filled s) throws Exception {
        return s.db.pointSelects(s.rows);
    }

    @Benchmark
    public long likeScan(Filled s) throws Exception {
        return s.db.likeScan();
    }

    @Benchmark
    public void update(Filled s) throws Exception {
        s.db.update(s.rows / 10, ++s.round);
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
