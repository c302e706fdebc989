package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.SyncStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server node process on PostgreSQL storage is SIGKILLed while clients push to it: no acknowledged event
 * is lost; the clients reconnect to the surviving node, push on, and all converge on the database's log.
 */
class KilledNodeTest {
    private static final int CLIENTS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void noAcknowledgedEventIsLostWhenANodeIsKilled() throws Exception {
        String url = PostgresCluster.shared().createDatabase("killed_node");
        Process child = startNode(url);
        try (SyncServer survivor = SyncServer.builder(new PostgresStorage(url, new Properties(), 8, Duration.ofMillis(500)))
                 .port(0).build().start()) {
            URI victim = URI.create("ws://127.0.0.1:" + awaitPort(child));
            Map<String, Long> acked = new ConcurrentHashMap<>(); // "client#n" -> seq
            AtomicInteger ackCount = new AtomicInteger();
            List<SyncWsClient> first = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Integer>> pushing = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    SyncWsClient c = SyncWsClient.connect(victim, "s");
                    c.livePull();
                    first.add(c);
                    String clientId = "c" + i;
                    pushing.add(pool.submit(() -> pushUntilClosed(c, clientId, 0, Integer.MAX_VALUE, acked, ackCount)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ackCount.get() < 40 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(ackCount.get() >= 40, "pushes were acknowledged before the kill: " + ackCount.get());
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                int[] nextN = new int[CLIENTS];
                for (int i = 0; i < CLIENTS; i++) {
                    nextN[i] = pushing.get(i).get(60, TimeUnit.SECONDS);
                }
                int ackedBeforeKill = acked.size();

                // every acknowledged event is in the database, at the seq its ack implied
                List<EncodedEvent> log = readAll(url);
                acked.forEach((key, seq) -> {
                    String[] parts = key.split("#");
                    assertEquals(SyncWsClient.event(seq, parts[0], Integer.parseInt(parts[1])), log.get((int) (seq - 1)),
                        "acknowledged " + key + " at seq " + seq);
                });

                // the clients reconnect to the surviving node, push two more each, and converge
                List<SyncWsClient> again = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    SyncWsClient c = SyncWsClient.connect(survivor.uri(), "s");
                    c.livePull();
                    again.add(c);
                    assertTrue(c.awaitHead(log.size(), WAIT), "reconnected client caught up");
                    assertEquals(nextN[i] + 2, pushUntilClosed(c, "c" + i, nextN[i], nextN[i] + 2, acked, ackCount));
                }
                List<EncodedEvent> end = readAll(url);
                assertEquals(ackedBeforeKill + 2 * CLIENTS, acked.size());
                for (SyncWsClient c : again) {
                    assertTrue(c.awaitHead(end.size(), WAIT));
                    assertEquals(end, c.seen(), "converged on the database's log");
                    assertEquals(List.of(), c.violations());
                    c.close();
                }
                assertEquals(log, end.subList(0, log.size()), "nothing before the kill changed");
            } finally {
                pool.shutdownNow();
                first.forEach(SyncWsClient::close);
            }
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Pushes events number {@code n} .. {@code until - 1}, one per push, until done or the socket dies; records
     * each ack. Returns the next event number this client would push.
     */
    private static int pushUntilClosed(SyncWsClient c, String clientId, int n, int until, Map<String, Long> acked,
                                       AtomicInteger count) throws Exception {
        long lastAccepted = 0;
        while (n < until && !c.isClosed()) {
            long parent = Math.max(c.head(), lastAccepted);
            ExitResult exit;
            try {
                exit = c.push(List.of(SyncWsClient.event(parent + 1, clientId, n)), Duration.ofSeconds(30));
            } catch (Exception socketGone) {
                // no ack: this event may or may not be stored; a real client would re-push it after rebasing
                return n + 1;
            }
            if (exit instanceof ExitResult.Success) {
                lastAccepted = parent + 1;
                acked.put(clientId + "#" + n, lastAccepted);
                count.incrementAndGet();
                n++;
            } else {
                var ahead = assertInstanceOf(SyncError.ServerAheadError.class, assertInstanceOf(ExitResult.Failure.class, exit).error());
                c.awaitHead(ahead.minimumExpectedNum(), Duration.ofSeconds(30));
            }
        }
        return n;
    }

    private static Process startNode(String url) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", NodeMain.class.getName(), url);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int awaitPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Future<String> line = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-stdout");
            t.setDaemon(true);
            return t;
        }).submit(() -> {
            String l;
            while ((l = out.readLine()) != null) {
                if (l.startsWith("LISTENING ")) {
                    return l;
                }
            }
            return null;
        });
        String l = line.get(60, TimeUnit.SECONDS);
        assertNotNull(l, "the node process printed its port");
        return Integer.parseInt(l.substring("LISTENING ".length()).trim());
    }

    private static List<EncodedEvent> readAll(String url) {
        try (SyncStorage s = new PostgresStorage(url, new Properties(), 2, Duration.ofSeconds(1))) {
            List<EncodedEvent> all = new ArrayList<>();
            while (true) {
                EventPage p = s.read("s", all.size(), Long.MAX_VALUE, 1000);
                if (p.events().isEmpty()) {
                    return all;
                }
                p.events().stream().map(PullEvent::eventEncoded).forEach(all::add);
            }
        }
    }
}
