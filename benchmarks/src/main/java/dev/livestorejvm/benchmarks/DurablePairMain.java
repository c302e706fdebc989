package dev.livestorejvm.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Durable commits of two targets interleaved, commit by commit, in one process on one disk:
 * {@code java -cp benchmarks.jar dev.livestorejvm.benchmarks.DurablePairMain livestore-delete
 * native-delete [commits] [warm-up commits] [directory]}. A cross-check of {@link
 * DurableCommitBenchmark} for shared machines whose disks change speed from one minute to the
 * next: JMH measures the targets one after the other, so a ratio of two of its scores can mix a
 * fast spell with a slow one, where here both sides see the same disk at the same moments. Prints
 * each side's median and 10th/90th percentiles of the measured commits and the ratio of medians.
 */
public final class DurablePairMain {
    private DurablePairMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DurablePairMain <target> <target> [commits=10000] [warm-up=10000] [directory=target/durable-commit]"
                + "\n  targets: " + String.join(", ", DurableTarget.KINDS));
            System.exit(2);
        }
        int commits = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        Path base = Path.of(args.length > 4 ? args[4] : "target/durable-commit");
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "pair-");
        try (DurableTarget a = new DurableTarget(args[0], dir.resolve("a.db"));
             DurableTarget b = new DurableTarget(args[1], dir.resolve("b.db"))) {
            for (int i = 0; i < warm; i++) {
                a.commit();
                b.commit();
            }
            long[] ta = new long[commits];
            long[] tb = new long[commits];
            for (int i = 0; i < commits; i++) {
                // alternate who goes first, so neither always follows the other's fsync
                if ((i & 1) == 0) {
                    ta[i] = timed(a);
                    tb[i] = timed(b);
                } else {
                    tb[i] = timed(b);
                    ta[i] = timed(a);
                }
            }
            Samples.compare(new Samples(args[0], ta), new Samples(args[1], tb));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long timed(DurableTarget t) throws Exception {
        long t0 = System.nanoTime();
        t.commit();
        return System.nanoTime() - t0;
    }
}
