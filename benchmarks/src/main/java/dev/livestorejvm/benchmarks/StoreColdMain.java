package dev.livestorejvm.benchmarks;

import dev.livestorejvm.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first single-event commits of a file store in a fresh JVM (issue 21's target: 10,000 in
 * &le; 1 s), run as its own process by {@code benchmarks/whole-process.sh}. Prints one line: the
 * time from main to the store being open, the commits' time (each {@code commit} of one event,
 * then {@code flush}), main to the end, and the CPU time of each thread ({@link ThreadCpu}). Usage: {@code StoreColdMain DIR [N]} (DIR must not
 * exist yet).
 */
public final class StoreColdMain {
    private StoreColdMain() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        if (Files.exists(dir)) throw new IllegalArgumentException(dir + " exists: give a fresh directory");
        long opened;
        long committed;
        String threads;
        try (Store store = Store.open(StoreBenchmark.options(dir, false))) {
            opened = System.nanoTime();
            StoreBenchmark.Open s = new StoreBenchmark.Open();
            for (int i = 0; i < n; i++) store.commit(s.created());
            store.flush();
            committed = System.nanoTime();
            if (store.head().global() != n) throw new AssertionError("head " + store.head() + " after " + n + " commits");
            threads = ThreadCpu.summary();   // before close: the leader's thread ends with it
        }
        // JVM start to main is in the driver's whole-process time: the OS's record of a process's
        // start (ProcessHandle) is only as fine as the boot time it counts from, whole seconds
        System.out.printf("store open %d ms, %d commits + flush %d ms, main to end %d ms; %s%n",
            (opened - t0) / 1_000_000, n, (committed - opened) / 1_000_000, (System.nanoTime() - t0) / 1_000_000, threads);
        StoreBenchmark.delete(dir);
    }
}
