package dev.livestorejvm.benchmarks;

import dev.livestorejvm.store.Event;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.SyncOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync client's speed, in one warm JVM, on file stores: catch-up of a new client, live commits
 * from one client to another, a rebase, pushing what was committed offline, the boot of a store
 * with that many pending events, and the heap over a long sync. Each phase runs {@code rounds} times
 * (the first rounds warm the JIT) and prints every round, through each backend asked for:
 * {@code inproc} (the store's in-process backend: the sync client without a network) and {@code ws}
 * (the project's SyncServer on loopback, embedded SQLite storage, sync-cf over WebSocket).
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.livestorejvm.benchmarks.SyncMain [rounds=3] [large=100000] [backends=ws,inproc] [memory=100000]
 *     [phases=catchup,live,rebase,offline]
 * </pre>
 * {@code large} sizes the big catch-up (last round only, 0 skips it); the offline phase pushes 20,000
 * events; {@code memory} events (0 skips it) arrive on a live client while its heap is measured.
 * LiveStore 0.4.0's adapter-node on this machine, for comparison: catch-up of 2,000 events ~1.8 s,
 * 1,000 live commits all on B ~3.7 s after A's first, rematerialization ~1,000 events/s.
 */
public final class SyncMain {
    private SyncMain() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<String> backends = List.of((args.length > 2 ? args[2] : "ws,inproc").split(","));
        int memory = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        List<String> phases = List.of((args.length > 4 ? args[4] : "catchup,live,rebase,offline").split(","));
        for (int round = 1; round <= rounds; round++) {
            for (String backend : backends) {
                System.out.printf("round %d, backend %s%n", round, backend);
                if (phases.contains("catchup")) System.out.printf("  catch-up of 2,000 events: %.3f s%n", catchUp(backend, 2_000));
                if (phases.contains("live")) System.out.printf("  1,000 live commits on A, all on B after A's first: %.3f s%n", live(backend, 1_000));
                double[] r = phases.contains("rebase") ? rebase(backend, 1_000, 1_000) : null;
                if (r != null) System.out.printf("  rebase of 1,000 pending over 1,000 incoming: rebase alone (pulled, rolled back, re-applied,"
                    + " in one transaction) %.3f s; until pushed and confirmed %.3f s%n", r[0], r[1]);
                double[] offline = phases.contains("offline") ? offline(backend, 20_000) : null;
                if (offline != null) System.out.printf("  20,000 offline commits pushed and confirmed: %.3f s; boot with 20,000 pending: %.3f s%n", offline[0], offline[1]);
                if (round == rounds && large > 0) System.out.printf("  catch-up of %,d events: %.3f s%n", large, catchUp(backend, large));
                if (round == rounds && memory > 0) memory(backend, memory);
            }
        }
    }

    /**
     * The same event, materialized into one row that each event replaces: the state stays one row, so
     * a heap that grows with the events would be the sync's bookkeeping, not the data.
     */
    static final dev.livestorejvm.store.Schema ONE_ROW = dev.livestorejvm.store.Schema.builder().table(StoreBenchmark.TODOS)
        .event(StoreBenchmark.CREATED, (a, c) -> List.of(StoreBenchmark.TODOS.insert(StoreBenchmark.row("id", "latest", "text", a.id(),
            "completed", false)).onConflictReplace()))
        .build();

    static StoreOptions options(Path dir, String client, SyncOptions sync) {
        return options(StoreBenchmark.SCHEMA, dir, client, sync);
    }

    static StoreOptions options(dev.livestorejvm.store.Schema schema, Path dir, String client, SyncOptions sync) {
        return StoreOptions.builder(schema).directory(dir).storeId(SyncBenchBackend.STORE).clientId(client).sessionId("s-" + client)
            .sync(sync).build();
    }

    static StoreOptions local(Path dir, String client) {
        return StoreOptions.builder(StoreBenchmark.SCHEMA).directory(dir).storeId(SyncBenchBackend.STORE).clientId(client).build();
    }

    static Event created(String id) {
        return StoreBenchmark.CREATED.of(new StoreBenchmark.TodoCreated(id, "buy milk " + id));
    }

    static void awaitHead(Store store, long head) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (store.syncStatus().backendHead() < head || store.head().global() < head) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no catch-up: " + store.syncStatus());
            Thread.sleep(1);
        }
    }

    static double catchUp(String backend, int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-catchup-");
        try (SyncBenchBackend b = SyncBenchBackend.create(backend)) {
            b.fill(0, n);
            long t0 = System.nanoTime();
            try (Store store = Store.open(options(dir, "new", b.sync()))) {
                awaitHead(store, n);
                return seconds(t0);
            }
        } finally {
            StoreBenchmark.delete(dir);
        }
    }

    static double live(String backend, int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-live-");
        try (SyncBenchBackend backends = SyncBenchBackend.create(backend);
             Store a = Store.open(options(dir.resolve("a"), "a", backends.sync()));
             Store b = Store.open(options(dir.resolve("b"), "b", backends.sync()))) {
            CountDownLatch all = new CountDownLatch(1);
            AtomicLong seen = new AtomicLong();
            b.subscribe(StoreBenchmark.TODOS.select().count(), count -> {
                seen.set(count);
                if (count >= n) all.countDown();
            });
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) a.commit(created("a" + i));
            if (!all.await(5, TimeUnit.MINUTES)) throw new IllegalStateException("B saw " + seen.get());
            return seconds(t0);
        } finally {
            StoreBenchmark.delete(dir);
        }
    }

    /**
     * {rebase alone, until confirmed}: a live store goes offline, commits {@code pending} events while
     * another client pushes {@code incoming}, and goes online again. "Rebase alone" is from going online
     * until the rebased events are the local head: the pull of the incoming events, the undo of the
     * pending ones and the materialization of all, in one transaction, and the sessions' reload; the
     * second figure adds pushing the rebased events and their confirmation by the backend.
     */
    static double[] rebase(String backend, int pending, int incoming) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-rebase-");
        try (SyncBenchBackend b = SyncBenchBackend.create(backend); Store store = Store.open(options(dir, "me", b.sync()))) {
            if (!store.awaitSynced(Duration.ofMinutes(1))) throw new IllegalStateException("not connected: " + store.syncStatus());
            store.pauseSync();
            while (!store.syncStatus().paused()) Thread.sleep(1);   // paused before the first commit is persisted
            for (int i = 0; i < pending; i++) store.commit(created("m" + i));
            store.flush();
            b.fill(0, incoming);
            AtomicLong rebased = new AtomicLong();
            try (AutoCloseable l = store.onSyncStatus(s -> {
                if (s.localHead().rebaseGeneration() > 0 && s.localHead().global() == pending + incoming) rebased.compareAndSet(0, System.nanoTime());
            })) {
                long t0 = System.nanoTime();
                store.resumeSync();
                if (!store.awaitSynced(Duration.ofMinutes(5))) throw new IllegalStateException("not synced: " + store.syncStatus());
                awaitHead(store, pending + incoming);
                double confirmed = seconds(t0);
                if (rebased.get() == 0) throw new IllegalStateException("no rebase seen: " + store.syncStatus());
                return new double[] {(rebased.get() - t0) / 1e9, confirmed};
            }
        } finally {
            StoreBenchmark.delete(dir);
        }
    }

    static double[] offline(String backend, int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-offline-");
        try (SyncBenchBackend b = SyncBenchBackend.create(backend)) {
            try (Store store = Store.open(local(dir, "me"))) {
                for (int i = 0; i < n; i++) store.commit(created("m" + i));
            }
            long t0 = System.nanoTime();
            Store store = Store.open(options(dir, "me", b.sync()));
            double boot = seconds(t0);
            try (store) {
                if (!store.awaitSynced(Duration.ofMinutes(5))) throw new IllegalStateException("not synced: " + store.syncStatus());
                return new double[] {seconds(t0), boot};
            }
        } finally {
            StoreBenchmark.delete(dir);
        }
    }

    /**
     * The heap after a full GC of a JVM whose live client has received {@code n} events of another
     * client through the backend, measured at each fifth, on a state of one row ({@link #ONE_ROW}):
     * confirmed events leave the sync state, so the heap should not grow with them (the in-process
     * backend keeps every event on the heap, the WebSocket server keeps them in its SQLite file).
     */
    static void memory(String backend, int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-memory-");
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        try (SyncBenchBackend b = SyncBenchBackend.create(backend); Store store = Store.open(options(ONE_ROW, dir, "live", b.sync()))) {
            long head = b.fill(0, 1_000);
            awaitHead(store, head);
            long first = heapAfterGc(mx);
            StringBuilder line = new StringBuilder(String.format("  heap after GC over a live sync of %,d events: %.1f MB at 1,000", n, first / 1e6));
            int step = n / 5;
            for (int i = 1; i <= 5; i++) {
                head = b.fill(head, step);
                awaitHead(store, head);
                line.append(String.format(", %.1f MB at %,d", heapAfterGc(mx) / 1e6, head));
            }
            System.out.println(line);
            System.out.printf("  growth: %.1f bytes per confirmed event%n", (heapAfterGc(mx) - first) / (double) (head - 1_000));
        } finally {
            StoreBenchmark.delete(dir);
        }
    }

    static long heapAfterGc(MemoryMXBean mx) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mx.getHeapMemoryUsage().getUsed();
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
