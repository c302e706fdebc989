package dev.livestorejvm.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start: in a fresh JVM (one fork per sample), the time from the first touch of the library
 * to the first row read back: load the driver or binary, open an in-memory database, create a
 * table, insert a row, select it. JVM start-up itself is the same for every target and left out.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class ColdStartBenchmark {
    @Param({"livestore", "native", "sqlite4j", "interpreted"})
    public String target;

    @Benchmark
    public long firstRow() throws Exception {
        try (W1Target db = W1Target.open(target)) {
            db.reset();
            db.insert(1);
            return db.pointSelects(1);
        }
    }
}
