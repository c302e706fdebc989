package dev.livestorejvm.benchmarks;

import dev.livestorejvm.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Peak RSS of the store's 10,000-event run (the workload: LiveStore's todo schema,
 * {@code v1.TodoCreated}), in a fresh JVM: on a file store under {@code target/store-benchmark},
 * 10,000 single-event commits and a flush, a point query and a subscription, close; open again
 * (boot); delete the state file and open again (rebuild from the 10,000 events). After each phase
 * it prints the process's {@code VmHWM} (peak resident set) and {@code VmRSS} from
 * {@code /proc/self/status}. The heap limit is part of the figure, so state it:
 * <pre>
 * java -Xmx96m -cp benchmarks/target/benchmarks.jar dev.livestorejvm.benchmarks.StoreRssMain [events]
 * </pre>
 * Linux only (it reads {@code /proc}).
 */
public final class StoreRssMain {
    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.printf("max heap %d MB, %d events%n", Runtime.getRuntime().maxMemory() >> 20, events);
        Path dir = StoreBenchmark.tempDir("rss-");
        try {
            long t0 = System.nanoTime();
            try (Store store = Store.open(StoreBenchmark.options(dir, false))) {
                long[] seen = {0};
                store.subscribe(StoreBenchmark.NEWEST, rows -> seen[0] = rows.get(0).get("n") == null ? 0 : StoreBenchmark.newest(rows));
                for (int i = 0; i < events; i++) {
                    store.commit(StoreBenchmark.CREATED.of(new StoreBenchmark.TodoCreated("todo-" + i, "buy milk " + i)));
                }
                store.flush();
                Optional<Map<String, Object>> row = store.query(StoreBenchmark.TODOS.select().where("id", "todo-" + (events / 2)).first());
                if (row.isEmpty() || seen[0] != events) throw new IllegalStateException("store lost events: " + row + ", " + seen[0]);
            }
            report("commit " + events + " + flush + query", t0);
            long t1 = System.nanoTime();
            try (Store store = Store.open(StoreBenchmark.options(dir, false))) {
                check(store, events, false);
            }
            report("boot", t1);
            Files.delete(dir.resolve("todo").resolve(StoreBenchmark.SCHEMA.stateFileName()));
            long t2 = System.nanoTime();
            try (Store store = Store.open(StoreBenchmark.options(dir, false))) {
                check(store, events, true);
            }
            report("rebuild", t2);
        } finally {
            StoreBenchmark.delete(dir);
        }
    }

    private static void check(Store store, int events, boolean rebuilt) {
        if (store.wasRebuilt() != rebuilt || store.head().global() != events) {
            throw new IllegalStateException("expected " + events + " events, rebuilt " + rebuilt + "; got head " + store.head()
                + ", rebuilt " + store.wasRebuilt());
        }
    }

    private static void report(String phase, long since) throws IOException {
        long vmHwm = 0;
        long vmRss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) vmHwm = kb(line);
            if (line.startsWith("VmRSS:")) vmRss = kb(line);
        }
        System.out.printf("%-36s %7.0f ms   VmHWM %4d MB   VmRSS %4d MB%n", phase, (System.nanoTime() - since) / 1e6, vmHwm >> 10, vmRss >> 10);
    }

    private static long kb(String statusLine) {
        List<String> parts = List.of(statusLine.trim().split("\\s+"));
        return Long.parseLong(parts.get(1));
    }
}
