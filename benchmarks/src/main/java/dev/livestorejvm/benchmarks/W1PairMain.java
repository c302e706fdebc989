package dev.livestorejvm.benchmarks;

/**
 * One W1 phase on two targets, interleaved operation by operation in one JVM:
 * {@code java -cp benchmarks.jar dev.livestorejvm.benchmarks.W1PairMain likeScan livestore native
 * [operations]} ({@code -Dw1.rows=N} as for {@link W1Benchmark}). A cross-check of the JMH run for
 * shared machines whose speed changes by up to 2x from one minute to the next (seen on the project's
 * 2-core CI machine): JMH runs the targets one after the other, so a ratio of two of its scores can
 * mix a fast spell with a slow one; here both see the same moments. The first half of the
 * operations is warm-up; prints the second half's medians and percentiles and their ratio.
 */
public final class W1PairMain {
    private W1PairMain() {}

    interface Phase {
        void run(W1Target target, int rows, int round) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: W1PairMain <insert|pointSelect|likeScan|update> <target> <target> [operations=600]"
                + "\n  targets: livestore, native, sqlite4j, interpreted");
            System.exit(2);
        }
        Phase phase = phase(args[0]);
        int ops = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        try (W1Target a = W1Target.open(args[1]); W1Target b = W1Target.open(args[2])) {
            interleave(phase, args[1], a, W1Target.rows(args[1]), args[2], b, W1Target.rows(args[2]), ops);
        }
    }

    /** Runs the phase on a and b in turn, ops times; prints the second half's figures and ratio. */
    static void interleave(Phase phase, String nameA, W1Target a, int rowsA, String nameB, W1Target b, int rowsB, int ops)
            throws Exception {
        a.reset();
        a.insert(rowsA);
        b.reset();
        b.insert(rowsB);
        long[] ta = new long[ops / 2];
        long[] tb = new long[ops / 2];
        for (int i = 0; i < ops; i++) {
            // each goes first every other time: the one that runs second may find the other's garbage to collect
            long da;
            long db;
            if (i % 2 == 0) {
                long t0 = System.nanoTime();
                phase.run(a, rowsA, i);
                long t1 = System.nanoTime();
                phase.run(b, rowsB, i);
                db = System.nanoTime() - t1;
                da = t1 - t0;
            } else {
                long t0 = System.nanoTime();
                phase.run(b, rowsB, i);
                long t1 = System.nanoTime();
                phase.run(a, rowsA, i);
                da = System.nanoTime() - t1;
                db = t1 - t0;
            }
            if (i >= ops - ops / 2) {
                ta[i - (ops - ops / 2)] = da;
                tb[i - (ops - ops / 2)] = db;
            }
        }
        Samples.compare(new Samples(nameA, ta), new Samples(nameB, tb));
    }

    static Phase phase(String name) {
        switch (name) {
            case "insert": return (t, rows, round) -> {
                t.reset();
                t.insert(rows);
            };
            case "pointSelect": return (t, rows, round) -> t.pointSelects(rows);
            case "likeScan": return (t, rows, round) -> t.likeScan();
            case "update": return (t, rows, round) -> t.update(rows / 10, round + 1);
            default: throw new IllegalArgumentException("unknown phase " + name + " (insert, pointSelect, likeScan, update)");
        }
    }
}
