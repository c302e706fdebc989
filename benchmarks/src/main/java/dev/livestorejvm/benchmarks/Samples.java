package dev.livestorejvm.benchmarks;

import java.util.Arrays;

/** Times of one side of an interleaved comparison (the *PairMain tools), in nanoseconds. */
final class Samples {
    private final String name;
    private final long[] times;

    Samples(String name, long[] times) {
        this.name = name;
        this.times = times;
    }

    long percentile(int p) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    void print() {
        System.out.printf("%-17s median %.3f ms  p10 %.3f  p90 %.3f  mean %.3f (%d samples)%n", name,
            percentile(50) / 1e6, percentile(10) / 1e6, percentile(90) / 1e6,
            Arrays.stream(times).average().orElse(0) / 1e6, times.length);
    }

    /** Prints both sides and the ratio of their medians and of their totals. */
    static void compare(Samples a, Samples b) {
        a.print();
        b.print();
        System.out.printf("%s / %s: %.2fx (medians), %.2fx (totals)%n", a.name, b.name,
            (double) a.percentile(50) / b.percentile(50), (double) Arrays.stream(a.times).sum() / Arrays.stream(b.times).sum());
        if (a.times.length == b.times.length && a.times.length > 0) {
            // the ratio within each interleaved pair: both saw the same moment, so the machine's drift cancels
            double[] r = new double[a.times.length];
            for (int i = 0; i < r.length; i++) r[i] = (double) a.times[i] / b.times[i];
            Arrays.sort(r);
            System.out.printf("%s / %s per pair: median %.3fx  p25 %.3fx  p75 %.3fx%n", a.name, b.name,
                r[r.length / 2], r[r.length / 4], r[r.length * 3 / 4]);
        }
    }
}
