package dev.livestorejvm.benchmarks;

import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.postgres.PostgresCluster;
import dev.livestorejvm.server.postgres.PostgresStorage;
import dev.livestorejvm.server.postgres.SyncWsClient;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.server.storage.SyncStorage;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Push to the last of N live subscribers, through real sync servers and WebSockets on loopback: one client
 * pushes single events one after the other, each timed from sending the push until every subscriber's live
 * pull has it. Three set-ups: embedded storage; PostgreSQL storage on one node; PostgreSQL with the pusher on
 * node A and the subscribers on node B (the doorbell in the path).
 * {@code java -cp benchmarks.jar dev.livestorejvm.benchmarks.SyncFanOutMain [subscribers=50] [pushes=300] [jdbc:postgresql://...]}
 */
public final class SyncFanOutMain {
    private SyncFanOutMain() {}

    public static void main(String[] args) throws Exception {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int pushes = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        PostgresCluster cluster = args.length > 2 ? null : PostgresCluster.shared();
        String[] labels = {"embedded", "postgres, one node", "postgres, pusher on A, subscribers on B"};
        double[][] results = new double[3][];
        try (SyncServer s = SyncServer.builder(new SqliteStorage(Files.createTempDirectory("fan-out-"))).build().start()) {
            results[0] = run(s.uri(), s.uri(), subscribers, pushes);
        }
        String url1 = args.length > 2 ? args[2] : cluster.createDatabase("fan_out_one");
        try (SyncServer s = SyncServer.builder(postgres(url1)).build().start()) {
            results[1] = run(s.uri(), s.uri(), subscribers, pushes);
        }
        String url2 = args.length > 2 ? args[2] : cluster.createDatabase("fan_out_two");
        try (SyncServer a = SyncServer.builder(postgres(url2)).build().start();
             SyncServer b = SyncServer.builder(postgres(url2)).build().start()) {
            results[2] = run(a.uri(), b.uri(), subscribers, pushes);
        }
        System.out.printf("%-42s %10s %10s %10s %12s%n", "push -> last of " + subscribers + " subscribers", "p50 ms", "p99 ms", "max ms", "rounds/s");
        for (int i = 0; i < 3; i++) {
            System.out.printf("%-42s %10.2f %10.2f %10.2f %12.0f%n", labels[i], results[i][0], results[i][1], results[i][2], results[i][3]);
        }
    }

    private static SyncStorage postgres(String url) {
        return new PostgresStorage(url, new Properties(), 8, Duration.ofSeconds(1));
    }

    /** Returns {p50 ms, p99 ms, max ms, rounds/s (one push and its fan-out at a time)}. */
    private static double[] run(URI pushTo, URI subscribeTo, int subscribers, int pushes) throws Exception {
        String store = "fan";
        List<SyncWsClient> subs = new ArrayList<>();
        try (SyncWsClient pusher = SyncWsClient.connect(pushTo, store)) {
            for (int i = 0; i < subscribers; i++) {
                SyncWsClient c = SyncWsClient.connect(subscribeTo, store);
                c.livePull();
                subs.add(c);
            }
            pusher.livePull(); // for the backendId, as a real client has it
            if (!pusher.awaitHead(0, Duration.ofSeconds(10))) {
                throw new IllegalStateException("pusher's pull did not start");
            }
            int warm = Math.min(50, pushes);
            long[] micros = new long[pushes];
            long started = 0;
            for (int i = 1; i <= warm + pushes; i++) {
                if (i == warm + 1) {
                    started = System.nanoTime();
                }
                long t0 = System.nanoTime();
                ExitResult exit = pusher.push(List.of(SyncWsClient.event(i, "pusher", i)), Duration.ofSeconds(30));
                if (!(exit instanceof ExitResult.Success)) {
                    throw new IllegalStateException("push " + i + " refused: " + exit);
                }
                for (SyncWsClient c : subs) {
                    if (!c.awaitHead(i, Duration.ofSeconds(30))) {
                        throw new IllegalStateException("a subscriber did not get event " + i + ": " + c.violations());
                    }
                }
                if (i > warm) {
                    micros[i - warm - 1] = (System.nanoTime() - t0) / 1000;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(micros);
            return new double[] {micros[pushes / 2] / 1000.0, micros[pushes * 99 / 100] / 1000.0, micros[pushes - 1] / 1000.0, pushes / seconds};
        } finally {
            subs.forEach(SyncWsClient::close);
        }
    }
}
