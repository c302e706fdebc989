package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync server killed with SIGKILL while clients push: every acknowledged event is in the log after
 * a restart, at its seqNum, with its content; the log is contiguous; clients reconnect and go on.
 * Size: {@code -Dfull=true} runs more rounds.
 */
class SyncServerCrashTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String STORE = "crash";

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedEventIsLostWhenTheServerIsKilledDuringPushes() throws Exception {
        int rounds = Boolean.getBoolean("full") ? 5 : 2;
        Map<Long, String> acked = new ConcurrentHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Process server = startServer(round);
            int port = port(round);
            List<Thread> pushers = new ArrayList<>();
            AtomicInteger acks = new AtomicInteger();
            for (int p = 0; p < 3; p++) {
                String clientId = "r" + round + "c" + p;
                Thread t = new Thread(() -> pushUntilDisconnected(port, clientId, acked, acks), clientId);
                t.setDaemon(true);
                pushers.add(t);
                t.start();
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (acks.get() < 30 && System.currentTimeMillis() < deadline) Thread.sleep(5);
            assertTrue(acks.get() >= 30, "pushes were acknowledged before the kill: " + acks.get());
            server.destroyForcibly();   // SIGKILL, mid-push
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            for (Thread t : pushers) t.join(30_000);
        }
        Process server = startServer(rounds);
        try {
            List<PullEvent> log = pullAll(port(rounds));
            for (int i = 0; i < log.size(); i++) {
                assertEquals(i + 1, log.get(i).eventEncoded().seqNum(), "contiguous");
                assertEquals(i, log.get(i).eventEncoded().parentSeqNum());
            }
            for (Map.Entry<Long, String> a : acked.entrySet()) {
                assertTrue(a.getKey() <= log.size(), "acknowledged event " + a.getKey() + " lost; the log has " + log.size());
                assertEquals(a.getValue(), log.get((int) (a.getKey() - 1)).eventEncoded().args().json(), "event " + a.getKey());
            }
            // and clients go on where the log ends
            AtomicInteger acks = new AtomicInteger();
            Map<Long, String> after = new ConcurrentHashMap<>();
            int port = port(rounds);
            Thread t = new Thread(() -> pushUntilDisconnected(port, "after", after, acks));
            t.setDaemon(true);
            t.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (acks.get() < 5 && System.currentTimeMillis() < deadline) Thread.sleep(5);
            assertTrue(acks.get() >= 5);
            assertEquals(log.size() + 1, after.keySet().stream().mapToLong(Long::longValue).min().orElseThrow());
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    Process startServer(int n) throws Exception {
        return ChildJvm.start(dir.resolve("out-" + n), SyncServerChild.class, dir.resolve("data").toString());
    }

    int port(int n) throws Exception {
        Path out = dir.resolve("out-" + n);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out)) if (line.startsWith("port ")) return Integer.parseInt(line.substring(5).strip());
            }
            Thread.sleep(50);
        }
        fail("the server child did not start");
        return -1;
    }

    /** Pushes single events chained onto the head it learns from ServerAheadError, until the socket dies. */
    static void pushUntilDisconnected(int port, String clientId, Map<Long, String> acked, AtomicInteger acks) {
        try (Conn c = Conn.open(port)) {
            long head = 0;
            for (int i = 0; ; i++) {
                String args = "{\"client\":\"" + clientId + "\",\"i\":" + i + "}";
                EncodedEvent e = new EncodedEvent("v1.E", new RawJson(args), head + 1, head, clientId, clientId + "-s");
                ServerFrame.Exit x = c.exitOf(c.request(new SyncRequest.Push(STORE, Optional.empty(), List.of(e), Optional.empty())));
                if (x == null) return;
                if (x.exit() instanceof ExitResult.Success) {
                    acked.put(e.seqNum(), args);
                    acks.incrementAndGet();
                    head++;
                } else if (x.exit() instanceof ExitResult.Failure f && f.error() instanceof SyncError.ServerAheadError s) {
                    head = s.minimumExpectedNum();
                } else {
                    return;
                }
            }
        } catch (Exception e) {
            // the server died: this pusher is done
        }
    }

    static List<PullEvent> pullAll(int port) throws Exception {
        try (Conn c = Conn.open(port)) {
            String id = c.request(new SyncRequest.Pull(STORE, Optional.empty(), Optional.empty(), false));
            List<PullEvent> out = new ArrayList<>();
            while (true) {
                ServerFrame f = c.frames.poll(30, TimeUnit.SECONDS);
                assertNotNull(f, "pull stalled");
                if (f instanceof ServerFrame.Chunk ch && ch.requestId().equals(id)) {
                    out.addAll(ch.values().get(0).batch());
                    if (ch.values().get(0).pageInfo() instanceof PageInfo.NoMore) return out;
                }
            }
        }
    }

    /** A minimal sync-cf client on the JDK's WebSocket. */
    static final class Conn implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        volatile boolean closed;
        WebSocket ws;
        int ids;

        static Conn open(int port) throws Exception {
            Conn c = new Conn();
            c.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/?" + SyncUrl.query(STORE, Optional.empty(), "ws")), c)
                .get(30, TimeUnit.SECONDS);
            return c;
        }

        String request(SyncRequest r) throws Exception {
            String id = Integer.toString(ids++);
            ws.sendText(SyncCodec.encode(new ClientFrame.Request(id, RpcGroup.WS, r)), true).get(10, TimeUnit.SECONDS);
            return id;
        }

        /** The Exit of a request, or null when the socket closed first. */
        ServerFrame.Exit exitOf(String id) throws InterruptedException {
            while (true) {
                ServerFrame f = frames.poll(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    if (closed) return null;
                    continue;
                }
                if (f instanceof ServerFrame.Exit x && x.requestId().equals(id)) return x;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(SyncCodec.decodeServer(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        @Override
        public void close() {
            if (!closed) ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
