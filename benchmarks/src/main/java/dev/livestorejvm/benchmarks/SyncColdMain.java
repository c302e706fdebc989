package dev.livestorejvm.benchmarks;

import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.SyncOptions;
import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.SyncBackend;
import dev.livestorejvm.store.synccf.SyncCfBackend;
import dev.livestorejvm.store.synccf.SyncCfOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A new client's catch-up in a fresh JVM (issue 21's target: 2,000 events in &le; 1 s), run as its
 * own process by {@code benchmarks/whole-process.sh} against a sync server ({@code livestore-jvm
 * serve}) that {@code fill} filled first. Usage:
 * <pre>
 * SyncColdMain fill WS_URL STORE_ID N        pushes N events of another client (once, before the runs)
 * SyncColdMain catchup WS_URL STORE_ID DIR N opens a new file store in DIR (must not exist) that syncs
 *                                            over WebSocket, waits until its head is N; prints the times
 *                                            and each thread's CPU time
 * </pre>
 */
public final class SyncColdMain {
    private SyncColdMain() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[1]);
        String storeId = args[2];
        switch (args[0]) {
            case "fill" -> fill(url, storeId, Integer.parseInt(args[3]));
            case "catchup" -> catchUp(url, storeId, Path.of(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("fill or catchup, not " + args[0]);
        }
    }

    static void fill(URI url, String storeId, int n) throws Exception {
        try (SyncBackend other = SyncCfBackend.webSocket(SyncCfOptions.builder(url, storeId).build())) {
            other.connect().get(1, TimeUnit.MINUTES);
            for (int from = 0; from < n; from += SyncBackend.MAX_PUSH_EVENTS) {
                List<GlobalEvent> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + SyncBackend.MAX_PUSH_EVENTS); i++) {
                    long seq = i + 1;
                    batch.add(new GlobalEvent(seq, seq - 1, StoreBenchmark.CREATED.name(), "{\"id\":\"o" + seq + "\",\"text\":\"buy milk\"}",
                        "other", "s-other"));
                }
                other.push(batch, Optional.empty()).get(1, TimeUnit.MINUTES);
            }
        }
        System.out.printf("filled %s with %d events%n", storeId, n);
    }

    static void catchUp(URI url, String storeId, Path dir, int n) throws Exception {
        long t0 = System.nanoTime();
        if (Files.exists(dir)) throw new IllegalArgumentException(dir + " exists: give a fresh directory");
        long opened;
        long caughtUp;
        String threads;
        StoreOptions options = StoreOptions.builder(StoreBenchmark.SCHEMA).directory(dir).storeId(storeId).clientId("new")
            .sessionId("s-new").sync(SyncOptions.webSocket(url).build()).build();
        try (Store store = Store.open(options)) {
            opened = System.nanoTime();
            long deadline = opened + TimeUnit.MINUTES.toNanos(2);
            while (store.syncStatus().backendHead() < n || store.head().global() < n) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("no catch-up: " + store.syncStatus());
                Thread.sleep(1);
            }
            caughtUp = System.nanoTime();
            threads = ThreadCpu.summary();
        }
        // JVM start to main is in the driver's whole-process time (see StoreColdMain)
        System.out.printf("store open %d ms, caught up with %d events %d ms after main, main to end %d ms; %s%n",
            (opened - t0) / 1_000_000, n, (caughtUp - t0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000, threads);
        StoreBenchmark.delete(dir);
    }
}
