package dev.livestorejvm.benchmarks;

/**
 * W1 on one target outside JMH, for peak-RSS measurements ({@code /usr/bin/time -v java -Xmx512m
 * -cp benchmarks.jar dev.livestorejvm.benchmarks.W1Main livestore}) and quick checks while working.
 * Prints each phase's time per round (with {@code -Dw1.cpu=true} the thread's CPU time, steadier on a busy
 * machine); the JMH figures are the ones to quote.
 */
public final class W1Main {
    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "livestore";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rows = W1Target.rows(target);
        try (W1Target db = W1Target.open(target)) {
            for (int r = 1; r <= rounds; r++) {
                db.reset();
                long t0 = now();
                db.insert(rows);
                long t1 = now();
                long check = db.pointSelects(rows);
                long t2 = now();
                check += db.likeScan();
                long t3 = now();
                db.update(rows / 10, r);
                long t4 = now();
                System.out.printf("%s round %d (%,d rows): insert %.1f ms, point select %.1f ms, like scan %.1f ms,"
                        + " update %.1f ms (check %d)%n", target, r, rows, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2),
                    ms(t4 - t3), check);
            }
        }
    }

    // -Dw1.cpu=true: this thread's CPU time instead of wall time, steadier on a busy machine
    private static final boolean CPU = Boolean.getBoolean("w1.cpu");
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long now() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
