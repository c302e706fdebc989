package dev.livestorejvm.server;

import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One sync WebSocket: text frames to the service, close to free its subscriptions. Internal; public only
 * because Jetty binds listener methods with a public lookup.
 */
public final class WsEndpoint implements Session.Listener.AutoDemanding {
    private final SyncService service;
    private final String storeId;
    private final Optional<RawJson> payload;
    private final Map<String, List<String>> headers;
    private final long maxQueuedChars;
    private final java.util.concurrent.Executor writer;
    private Connection connection;

    WsEndpoint(SyncService service, String storeId, Optional<RawJson> payload, Map<String, List<String>> headers, long maxQueuedChars,
               java.util.concurrent.Executor writer) {
        this.service = service;
        this.storeId = storeId;
        this.payload = payload;
        this.headers = headers;
        this.maxQueuedChars = maxQueuedChars;
        this.writer = writer;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection = new Connection(storeId, payload, headers, new WsPeer(session, maxQueuedChars, writer));
        service.metrics.connected();
    }

    @Override
    public void onWebSocketText(String message) {
        service.onFrame(connection, RpcGroup.WS, message);
    }

    @Override
    public synchronized void onWebSocketClose(int statusCode, String reason) {
        if (connection != null) {
            service.closed(connection);
            service.metrics.disconnected();
            connection = null;
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(1011, String.valueOf(cause));   // idempotent; frees the subscriptions however the socket ended
    }
}
