package dev.livestorejvm.server.postgres;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sync-cf client for tests over the JDK's WebSocket: one live pull from the start whose events it keeps
 * (noting any gap, duplicate or reordering as a violation, as a 0.4.0 client would die on it), and pushes
 * answered by their Exit frames. Public in this module's test-jar (the cli's serve test uses it).
 */
public final class SyncWsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String storeId;
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, CompletableFuture<ExitResult>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<EncodedEvent> seen = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile String pullId;
    private volatile String backendId;

    private SyncWsClient(String storeId, URI serverUri) {
        this.storeId = storeId;
        URI uri = URI.create(serverUri + "/?" + SyncUrl.query(storeId, Optional.empty(), "ws"));
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, new Listener()).orTimeout(15, TimeUnit.SECONDS).join();
    }

    public static SyncWsClient connect(URI serverUri, String storeId) {
        return new SyncWsClient(storeId, serverUri);
    }

    /** Starts the live pull from the beginning of the log. */
    public void livePull() {
        String id = Integer.toString(ids.getAndIncrement());
        pullId = id; // before sending: the first chunk can arrive before send returns
        sendFrame(new ClientFrame.Request(id, RpcGroup.WS, new SyncRequest.Pull(storeId, Optional.empty(), Optional.empty(), true)));
    }

    /** Pushes and waits for the Exit: Success, or Failure with the typed error. */
    public ExitResult push(List<EncodedEvent> batch, Duration timeout) throws Exception {
        CompletableFuture<ExitResult> exit = new CompletableFuture<>();
        String id = Integer.toString(ids.getAndIncrement());
        pending.put(id, exit);
        sendFrame(new ClientFrame.Request(id, RpcGroup.WS, new SyncRequest.Push(storeId, Optional.empty(), batch,
            Optional.ofNullable(backendId))));
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized long head() {
        return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).seqNum();
    }

    public synchronized List<EncodedEvent> seen() {
        return List.copyOf(seen);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Waits until the live pull has brought {@code seq}; false on timeout or when the socket closed. */
    public synchronized boolean awaitHead(long seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (head() < seq) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || closed.isDone()) {
                return false;
            }
            wait(Math.min(left, 200));
        }
        return true;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The JDK's WebSocket allows one send in flight: sends are serialized here. */
    private synchronized void sendFrame(ClientFrame frame) {
        socket.sendText(SyncCodec.encode(frame), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private void received(String text) {
        ServerFrame frame = SyncCodec.decodeServer(text);
        if (frame instanceof ServerFrame.Chunk c && c.requestId().equals(pullId)) {
            for (PullResponse r : c.values()) {
                backendId = r.backendId();
                accept(r.batch());
            }
        } else if (frame instanceof ServerFrame.Exit e) {
            CompletableFuture<ExitResult> f = pending.remove(e.requestId());
            if (f != null) {
                f.complete(e.exit());
            } else {
                violation("Exit for no pending push: " + text);
            }
        } else if (!(frame instanceof ServerFrame.Pong)) {
            violation("unexpected frame: " + text);
        }
    }

    private synchronized void accept(List<PullEvent> batch) {
        for (PullEvent p : batch) {
            EncodedEvent e = p.eventEncoded();
            long last = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).seqNum();
            if (e.seqNum() != last + 1 || e.parentSeqNum() != last) {
                violations.add("after " + last + " the pull brought seq " + e.seqNum() + " (parent " + e.parentSeqNum() + ")");
                continue;
            }
            seen.add(e);
        }
        notifyAll();
    }

    private synchronized void violation(String what) {
        violations.add(what);
    }

    private synchronized void ended() {
        closed.complete(null);
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("socket closed")));
        notifyAll();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException alreadyGone) {
                // aborting below anyway
            }
            socket.abort();
            ended();
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(text);
                } catch (RuntimeException e) {
                    violation("undecodable frame (" + e.getMessage() + "): " + text);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended();
        }
    }

    public static EncodedEvent event(long seq, String clientId, int n) {
        return new EncodedEvent("v1.Counted", new RawJson("{\"client\":\"" + clientId + "\",\"n\":" + n + "}"),
            seq, seq - 1, clientId, "session-" + clientId);
    }
}
