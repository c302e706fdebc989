package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SyncStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two sync-server nodes on one PostgreSQL database, clients spread over both, all racing to push onto one
 * store: every accepted event appears exactly once, in one order, on every client's live pull, and that
 * order is the database's. Default 20 clients x 10 pushes; {@code -Dfull=true}: 50 x 20.
 */
class TwoNodesRaceTest {
    private static final boolean FULL = Boolean.getBoolean("full");
    private static final int CLIENTS = FULL ? 50 : 20;
    private static final int PUSHES = FULL ? 20 : 10;
    private static final String STORE = "race";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void clientsOnTwoNodesConvergeOnOneLog() throws Exception {
        String url = PostgresCluster.shared().createDatabase("two_nodes");
        try (SyncServer nodeA = node(url); SyncServer nodeB = node(url)) {
            List<SyncWsClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    SyncWsClient c = SyncWsClient.connect((i % 2 == 0 ? nodeA : nodeB).uri(), STORE);
                    c.livePull();
                    clients.add(c);
                }
                List<Future<Map<Long, Integer>>> results = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    SyncWsClient c = clients.get(i);
                    String clientId = "client-" + i;
                    results.add(pool.submit(() -> pushAll(c, clientId)));
                }
                Map<String, Map<Long, Integer>> acceptedBy = new HashMap<>();
                for (int i = 0; i < CLIENTS; i++) {
                    acceptedBy.put("client-" + i, results.get(i).get(5, TimeUnit.MINUTES));
                }
                int total = CLIENTS * PUSHES;
                List<EncodedEvent> log = readAll(url);
                assertEquals(total, log.size(), "the database holds exactly the accepted events");
                Set<String> distinct = new HashSet<>();
                for (int i = 0; i < total; i++) {
                    EncodedEvent e = log.get(i);
                    assertEquals(i + 1, e.seqNum());
                    assertTrue(distinct.add(e.args().json()), "stored twice: " + e);
                }
                acceptedBy.forEach((clientId, accepted) -> {
                    assertEquals(PUSHES, accepted.size(), clientId);
                    accepted.forEach((seq, n) -> assertEquals(SyncWsClient.event(seq, clientId, n), log.get((int) (seq - 1)),
                        "the ack for " + clientId + " #" + n + " at seq " + seq + " matches the log"));
                });
                for (SyncWsClient c : clients) {
                    assertTrue(c.awaitHead(total, WAIT), "a client's live pull reached " + total + ": at " + c.head()
                        + ", violations " + c.violations());
                    assertEquals(List.of(), c.violations(), "no gap, duplicate or reordering on a live pull");
                    assertEquals(log, c.seen(), "every client saw the database's order");
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(SyncWsClient::close);
            }
        }
    }

    /** Pushes {@link #PUSHES} single events, each onto the head the client knows; after ServerAheadError it waits for its pull to catch up, as LiveStore's client does. */
    private static Map<Long, Integer> pushAll(SyncWsClient c, String clientId) throws Exception {
        Map<Long, Integer> accepted = new HashMap<>();
        long lastAccepted = 0;
        for (int n = 0; n < PUSHES; n++) {
            for (int attempt = 0; ; attempt++) {
                assertTrue(attempt < 5_000, clientId + " bounded retries");
                long parent = Math.max(c.head(), lastAccepted);
                ExitResult exit = c.push(List.of(SyncWsClient.event(parent + 1, clientId, n)), WAIT);
                if (exit instanceof ExitResult.Success) {
                    lastAccepted = parent + 1;
                    accepted.put(lastAccepted, n);
                    break;
                }
                ExitResult.Failure f = assertInstanceOf(ExitResult.Failure.class, exit, clientId + ": " + exit);
                SyncError.ServerAheadError ahead = assertInstanceOf(SyncError.ServerAheadError.class, f.error());
                assertTrue(c.awaitHead(ahead.minimumExpectedNum(), WAIT), clientId + " caught up to " + ahead.minimumExpectedNum());
                Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // a little jitter, as clients' retry backoff has
            }
        }
        return accepted;
    }

    private static SyncServer node(String url) {
        return SyncServer.builder(new PostgresStorage(url, new Properties(), 8, Duration.ofMillis(500))).port(0).build().start();
    }

    private static List<EncodedEvent> readAll(String url) {
        try (SyncStorage s = new PostgresStorage(url, new Properties(), 2, Duration.ofSeconds(1))) {
            List<EncodedEvent> all = new ArrayList<>();
            while (true) {
                EventPage p = s.read(STORE, all.size(), Long.MAX_VALUE, 1000);
                if (p.events().isEmpty()) {
                    return all;
                }
                p.events().stream().map(PullEvent::eventEncoded).forEach(all::add);
            }
        }
    }
}
