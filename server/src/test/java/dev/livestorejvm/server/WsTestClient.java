package dev.livestorejvm.server;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.protocol.SyncUrl;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** A raw sync-cf WebSocket client for tests: sends frames, queues what arrives (decoded) and the close. */
public final class WsTestClient implements AutoCloseable, Session.Listener.AutoDemanding {
    static final WebSocketClient CLIENT = new WebSocketClient();

    static {
        try {
            CLIENT.setMaxTextMessageSize(64 << 20);
            CLIENT.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    final String storeId;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    volatile int closeCode = -1;
    volatile String closeReason;
    private final AtomicInteger ids = new AtomicInteger();
    private Session session;

    private WsTestClient(String storeId) {
        this.storeId = storeId;
    }

    static WsTestClient connect(SyncServer server, String storeId) throws Exception {
        return connect(server, storeId, Optional.empty());
    }

    static WsTestClient connect(SyncServer server, String storeId, Optional<RawJson> payload) throws Exception {
        WsTestClient c = new WsTestClient(storeId);
        URI uri = URI.create(server.uri() + "/?" + SyncUrl.query(storeId, payload, "ws"));
        c.session = CLIENT.connect(c, uri).get(10, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public void onWebSocketText(String message) {
        received.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // a refused upgrade: the test asserts on the connect's exception
    }

    void sendText(String text) throws Exception {
        java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
        session.sendText(text, Callback.from(() -> f.complete(null), f::completeExceptionally));
        f.get(10, TimeUnit.SECONDS);
    }

    String request(SyncRequest req) throws Exception {
        String id = String.valueOf(ids.getAndIncrement());
        sendText(SyncCodec.encode(new ClientFrame.Request(id, RpcGroup.WS, req)));
        return id;
    }

    String push(List<EncodedEvent> batch, Optional<String> backendId) throws Exception {
        return request(new SyncRequest.Push(storeId, Optional.empty(), batch, backendId));
    }

    String pull(Optional<Cursor> cursor, boolean live) throws Exception {
        return request(new SyncRequest.Pull(storeId, Optional.empty(), cursor, live));
    }

    ServerFrame next() throws Exception {
        String s = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "no frame within 10 s");
        return SyncCodec.decodeServer(s);
    }

    /** Nothing arrives within {@code millis}. */
    void assertQuiet(long millis) throws Exception {
        String s = received.poll(millis, TimeUnit.MILLISECONDS);
        assertNull(s, "unexpected frame");
    }

    ServerFrame.Exit exit(String requestId) throws Exception {
        ServerFrame f = next();
        assertInstanceOf(ServerFrame.Exit.class, f, "expected the Exit of " + requestId);
        assertEquals(requestId, ((ServerFrame.Exit) f).requestId());
        return (ServerFrame.Exit) f;
    }

    ServerFrame.Chunk chunk(String requestId) throws Exception {
        ServerFrame f = next();
        assertInstanceOf(ServerFrame.Chunk.class, f, "expected a Chunk of " + requestId + ", got " + f);
        assertEquals(requestId, ((ServerFrame.Chunk) f).requestId());
        return (ServerFrame.Chunk) f;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        if (session != null && session.isOpen()) session.close();
    }
}
