package dev.livestorejvm.benchmarks;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncMetadata;
import dev.livestorejvm.server.postgres.PostgresCluster;
import dev.livestorejvm.server.postgres.PostgresStorage;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.RawPage;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.server.storage.SyncStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The sync server's two storages side by side, through the storage SPI (no sockets): batched appends
 * (100 events per batch), single-event appends, and the catch-up read of a 100,000-event log in pages of
 * 100, each on a fresh store; prints events/s (or ms) per storage and the ratio PostgreSQL / embedded.
 * {@code java -cp benchmarks.jar dev.livestorejvm.benchmarks.SyncStorageMain [batches=500] [singles=2000]
 * [catch-up events=100000] [jdbc:postgresql://...]}: without a JDBC URL it starts the tests' private
 * PostgreSQL 16 (fsync on, as the embedded storage's commits are). Both keep the default durability: a
 * commit is flushed before the append returns.
 */
public final class SyncStorageMain {
    private static final RawJson META = SyncMetadata.of("2026-01-01T00:00:00.000Z");

    private SyncStorageMain() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int singles = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int catchUp = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        String pgUrl = args.length > 3 ? args[3] : PostgresCluster.shared().createDatabase("bench");
        Path dir = Files.createTempDirectory("sync-storage-bench-");
        double[] embedded;
        double[] postgres;
        try (SyncStorage s = new SqliteStorage(dir)) {
            embedded = run("embedded", s, batches, singles, catchUp);
        }
        try (SyncStorage s = new PostgresStorage(pgUrl, new Properties(), 4, Duration.ofSeconds(1))) {
            postgres = run("postgres", s, batches, singles, catchUp);
        }
        doorbell(pgUrl, 300);
        System.out.printf("%-34s %14s %14s %8s%n", "", "embedded", "postgres", "pg/emb");
        String[] names = {"batched appends (events/s)", "single-event appends (pushes/s)", "catch-up read of " + catchUp + " (ms)"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("%-34s %14.0f %14.0f %8.2f%n", names[i], embedded[i], postgres[i], postgres[i] / embedded[i]);
        }
    }

    /**
     * Two PostgreSQL storages (two server nodes) on one database: the time from an append on node A returning
     * to node B's external-append listener hearing of it (LISTEN/NOTIFY), one append at a time.
     */
    private static void doorbell(String pgUrl, int appends) throws Exception {
        try (SyncStorage a = new PostgresStorage(pgUrl, new Properties(), 2, Duration.ofSeconds(1));
             SyncStorage b = new PostgresStorage(pgUrl, new Properties(), 2, Duration.ofSeconds(1))) {
            java.util.concurrent.BlockingQueue<Long> heard = new java.util.concurrent.LinkedBlockingQueue<>();
            b.head("bell");
            b.onExternalAppend((store, head) -> heard.add(System.nanoTime()));
            Thread.sleep(500); // the doorbell connects and LISTENs
            String backendId = a.head("bell").backendId();
            long[] micros = new long[appends];
            for (int i = 0; i < appends; i++) {
                a.append("bell", backendId, List.of(new EncodedEvent("v1.Ping", new RawJson("{}"), i + 1, i, "c", "s")), META);
                long appended = System.nanoTime();
                Long at = heard.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("node B did not hear of append " + (i + 1) + " within 10 s");
                }
                micros[i] = Math.max(0, (at - appended) / 1000);
            }
            java.util.Arrays.sort(micros);
            System.out.printf("doorbell, append on node A returned -> node B's listener: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d appends)%n",
                micros[appends / 2] / 1000.0, micros[appends * 99 / 100] / 1000.0, micros[appends - 1] / 1000.0, appends);
        }
    }

    /** Returns {batched events/s, single pushes/s, catch-up ms}. */
    private static double[] run(String label, SyncStorage s, int batches, int singles, int catchUp) {
        // warm-up on a store of its own: JIT, pool, first files
        append(s, "warm", 50, 100);
        append(s, "warm-single", 200, 1);
        long t0 = System.nanoTime();
        append(s, "batched", batches, 100);
        double batched = batches * 100 / seconds(t0);
        t0 = System.nanoTime();
        append(s, "single", singles, 1);
        double single = singles / seconds(t0);
        append(s, "catch-up", catchUp / 100, 100);
        read(s, "catch-up", catchUp); // once to warm the read path
        t0 = System.nanoTime();
        read(s, "catch-up", catchUp);
        double readMs = seconds(t0) * 1000;
        System.out.printf("%s: %.0f events/s batched, %.0f pushes/s single, %.0f ms to read %d%n", label, batched, single, readMs, catchUp);
        return new double[] {batched, single, readMs};
    }

    private static void append(SyncStorage s, String store, int batches, int size) {
        String backendId = s.head(store).backendId();
        long head = s.head(store).head();
        for (int b = 0; b < batches; b++) {
            List<EncodedEvent> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                long seq = head + i + 1;
                batch.add(new EncodedEvent("v1.TodoCreated",
                    new RawJson("{\"id\":\"todo-" + seq + "\",\"text\":\"buy milk " + seq + "\"}"), seq, seq - 1, "client-1", "session-1"));
            }
            AppendResult r = s.append(store, backendId, batch, META);
            if (!(r instanceof AppendResult.Appended a)) {
                throw new IllegalStateException("append refused: " + r);
            }
            head = a.head();
        }
    }

    /** Pages of 100 as the server's catch-up reads them: the stored item text ({@link SyncStorage#readRaw}). */
    private static void read(SyncStorage s, String store, int events) {
        long after = 0;
        while (after < events) {
            RawPage p = s.readRaw(store, after, events, 100);
            if (p.items().isEmpty()) {
                throw new IllegalStateException("log ended at " + after);
            }
            after = p.lastSeqNum();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
