package dev.livestorejvm.benchmarks;

import dev.livestorejvm.store.Event;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.SyncOptions;
import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.InProcessSyncBackend;
import dev.livestorejvm.store.sync.InProcessSyncServer;
import dev.livestorejvm.store.sync.SyncBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync client's speed, in one warm JVM, on file stores: catch-up of a new client, live commits
 * from one client to another, a rebase, pushing what was committed offline, and the boot of a store
 * with that many pending events. Each phase runs {@code rounds} times (the first rounds warm the JIT)
 * and prints every round. Through the in-process backend (the store's sync, without a network):
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.livestorejvm.benchmarks.SyncMain [rounds] [large]
 * </pre>
 * {@code large} (default 100,000) sizes the big catch-up; the offline phase pushes 20,000 events.
 * LiveStore 0.4.0's adapter-node on this machine, for comparison: catch-up of 2,000 events ~1.8 s,
 * 1,000 live commits all on B ~3.7 s after A's first, rematerialization ~1,000 events/s.
 */
public final class SyncMain {
    private SyncMain() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d%n", round);
            System.out.printf("  catch-up of 2,000 events: %.3f s%n", catchUp(2_000));
            System.out.printf("  1,000 live commits on A, all on B after A's first: %.3f s%n", live(1_000));
            System.out.printf("  rebase of 1,000 pending over 1,000 incoming: %.3f s%n", rebase(1_000, 1_000));
            double[] offline = offline(20_000);
            System.out.printf("  20,000 offline commits pushed and confirmed: %.3f s; boot with 20,000 pending: %.3f s%n", offline[0], offline[1]);
            if (round == rounds) System.out.printf("  catch-up of %,d events: %.3f s%n", large, catchUp(large));
        }
    }

    static StoreOptions options(Path dir, String client, InProcessSyncServer server) {
        return StoreOptions.builder(StoreBenchmark.SCHEMA).directory(dir).storeId("bench").clientId(client).sessionId("s-" + client)
            .sync(SyncOptions.builder((s, c) -> server.backend(s, c)).build()).build();
    }

    static Event created(String id) {
        return StoreBenchmark.CREATED.of(new StoreBenchmark.TodoCreated(id, "buy milk " + id));
    }

    /** Pushes {@code n} events of another client straight into the backend. */
    static void fill(InProcessSyncServer server, int n) throws Exception {
        InProcessSyncBackend other = server.backend("bench", "other");
        other.connect().get();
        long head = server.head("bench");
        for (int from = 0; from < n; from += SyncBackend.MAX_PUSH_EVENTS) {
            List<GlobalEvent> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + SyncBackend.MAX_PUSH_EVENTS); i++) {
                long seq = head + i + 1;
                batch.add(new GlobalEvent(seq, seq - 1, StoreBenchmark.CREATED.name(), "{\"id\":\"o" + seq + "\",\"text\":\"buy milk\"}",
                    "other", "s-other"));
            }
            other.push(batch, Optional.empty()).get();
        }
        other.close();
    }

    static void awaitHead(Store store, long head) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (store.syncStatus().backendHead() < head || store.head().global() < head) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no catch-up: " + store.syncStatus());
            Thread.sleep(1);
        }
    }

    static double catchUp(int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-catchup-");
        try (InProcessSyncServer server = new InProcessSyncServer()) {
            fill(server, n);
            long t0 = System.nanoTime();
            try (Store store = Store.open(options(dir, "new", server))) {
                awaitHead(store, n);
                return seconds(t0);
            }
        }
    }

    static double live(int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-live-");
        try (InProcessSyncServer server = new InProcessSyncServer();
             Store a = Store.open(options(dir.resolve("a"), "a", server));
             Store b = Store.open(options(dir.resolve("b"), "b", server))) {
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
        }
    }

    static double rebase(int pending, int incoming) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-rebase-");
        try (InProcessSyncServer server = new InProcessSyncServer()) {
            try (Store store = Store.open(StoreOptions.builder(StoreBenchmark.SCHEMA).directory(dir).storeId("bench").clientId("me").build())) {
                for (int i = 0; i < pending; i++) store.commit(created("m" + i));
            }
            fill(server, incoming);
            long t0 = System.nanoTime();
            try (Store store = Store.open(options(dir, "me", server))) {
                if (!store.awaitSynced(Duration.ofMinutes(5))) throw new IllegalStateException("not synced: " + store.syncStatus());
                awaitHead(store, pending + incoming);
                return seconds(t0);
            }
        }
    }

    static double[] offline(int n) throws Exception {
        Path dir = StoreBenchmark.tempDir("sync-offline-");
        try (InProcessSyncServer server = new InProcessSyncServer()) {
            try (Store store = Store.open(StoreOptions.builder(StoreBenchmark.SCHEMA).directory(dir).storeId("bench").clientId("me").build())) {
                for (int i = 0; i < n; i++) store.commit(created("m" + i));
            }
            long t0 = System.nanoTime();
            Store store = Store.open(options(dir, "me", server));
            double boot = seconds(t0);
            try (store) {
                if (!store.awaitSynced(Duration.ofMinutes(5))) throw new IllegalStateException("not synced: " + store.syncStatus());
                return new double[] {seconds(t0), boot};
            }
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
