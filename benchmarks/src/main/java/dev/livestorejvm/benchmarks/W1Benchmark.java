package dev.livestorejvm.benchmarks;

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
 * W1, each phase one benchmark operation, every implementation in the same run. Rows: 100,000
 * (the interpreter: 10,000, see {@link W1Target#rows}); the update phase changes 10,000 rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class W1Benchmark {

    /** A target with an empty table, emptied again before every insert phase. */
    @State(Scope.Benchmark)
    public static class Empty {
        @Param({"livestore", "native", "sqlite4j", "interpreted"})
        public String target;
        W1Target db;
        int rows;

        @Setup(Level.Trial)
        public void open() throws Exception {
            db = W1Target.open(target);
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

    /** A target whose table holds the full W1 size. */
    @State(Scope.Benchmark)
    public static class Filled {
        @Param({"livestore", "native", "sqlite4j", "interpreted"})
        public String target;
        W1Target db;
        int rows;
        int round;

        @Setup(Level.Trial)
        public void open() throws Exception {
            db = W1Target.open(target);
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
}
