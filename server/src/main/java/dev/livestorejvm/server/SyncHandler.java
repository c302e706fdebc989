package dev.livestorejvm.server;

import dev.livestorejvm.protocol.ProtocolException;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.SyncUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Routes requests as sync-cf's worker does, by query: {@code ?storeId=&payload=&transport=ws} is a
 * WebSocket upgrade (426 if the request is not one), {@code transport=http} a POST of one RPC request;
 * requests without {@code storeId} go to the admin endpoints.
 */
final class SyncHandler extends Handler.Abstract {
    static final long HTTP_TIMEOUT_MILLIS = 10_000;

    private final SyncService service;
    private final AdminHandler admin;
    private final long maxQueuedChars;
    private final java.util.concurrent.Executor fanOut;
    private ServerWebSocketContainer container;

    SyncHandler(SyncService service, AdminHandler admin, long maxQueuedChars, java.util.concurrent.Executor fanOut) {
        this.service = service;
        this.admin = admin;
        this.maxQueuedChars = maxQueuedChars;
        this.fanOut = fanOut;
    }

    void container(ServerWebSocketContainer container) {
        this.container = container;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        String storeId = query.getValue("storeId");
        if (storeId == null) return admin.handle(request, response, callback);
        if (storeId.isEmpty()) return error(response, callback, 400, "storeId is empty");
        Optional<RawJson> payload = Optional.empty();
        String rawPayload = query.getValue("payload");
        if (rawPayload != null) {
            try {
                RawJson p = SyncUrl.decodePayload(rawPayload);
                if (!SyncService.isJson(p)) throw new ProtocolException("'" + p.json() + "' is not JSON");
                payload = Optional.of(p);
            } catch (ProtocolException e) {
                return error(response, callback, 400, "URL parameter payload is not URI-encoded JSON: " + e.getMessage());
            }
        }
        String transport = query.getValue("transport");
        if (transport == null) transport = "ws";
        Map<String, List<String>> headers = headers(request);
        Authorizer.Decision d = service.authorizer.authorize(new Authorizer.Request(storeId, payload, headers, Authorizer.Action.CONNECT));
        if (!d.allowed()) {
            service.metrics.denied();
            return error(response, callback, 403, "not allowed to use store '" + storeId + "': " + d.reason());
        }
        switch (transport) {
            case "ws": {
                String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
                if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
                    return error(response, callback, HttpStatus.UPGRADE_REQUIRED_426, "this sync URL (transport=ws) takes a WebSocket upgrade");
                }
                Optional<RawJson> p = payload;
                boolean upgraded = container.upgrade((rq, rs, cb) -> new WsEndpoint(service, storeId, p, headers, maxQueuedChars, fanOut), request, response, callback);
                if (!upgraded) return error(response, callback, 400, "WebSocket upgrade failed");
                return true;
            }
            case "http":
                if (!request.getMethod().equals("POST")) return error(response, callback, 405, "transport=http takes a POST of one JSON RPC request");
                http(request, response, callback, storeId, payload, headers);
                return true;
            default:
                return error(response, callback, 400, "unknown transport '" + transport + "' (expected ws or http)");
        }
    }

    private void http(Request request, Response response, Callback callback, String storeId, Optional<RawJson> payload,
                      Map<String, List<String>> headers) throws Exception {
        byte[] body;
        try {
            body = Content.Source.asByteArrayAsync(request, SyncService.MAX_FRAME_BYTES + 1).get();
        } catch (Exception e) {
            drain(request);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");   // the connection is not reused after a refused body
            error(response, callback, 413, "request body over " + SyncService.MAX_FRAME_BYTES + " bytes, or unreadable; nothing stored");
            return;
        }
        if (body.length > SyncService.MAX_FRAME_BYTES) {
            drain(request);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            error(response, callback, 413, "request body over " + SyncService.MAX_FRAME_BYTES + " bytes; nothing stored");
            return;
        }
        HttpPeer peer = new HttpPeer(Request.getRemoteAddr(request));
        Connection conn = new Connection(storeId, payload, headers, peer);
        service.metrics.connected();
        try {
            service.onFrame(conn, RpcGroup.HTTP, new String(body, StandardCharsets.UTF_8));
            String array = peer.awaitArray(HTTP_TIMEOUT_MILLIS);
            if (array == null) {
                error(response, callback, 504, "request did not finish in " + HTTP_TIMEOUT_MILLIS + " ms");
                return;
            }
            int status = peer.closedReason() != null && peer.closedReason().equals("not allowed") ? 403 : 200;
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, array, callback);
        } finally {
            service.closed(conn);
            service.metrics.disconnected();
        }
    }

    /** Reads and drops the rest of a refused body (up to 16 MB), so the client gets the error instead of a reset. */
    private static void drain(Request request) {
        long length = request.getLength();
        if (length > 16L << 20) return;
        try {
            Content.Source.consumeAll(request);
        } catch (Exception ignored) {
            // the client went away: nothing to answer
        }
    }

    static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.getValue());
        }
        return out;
    }

    static boolean error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, message + "\n", callback);
        return true;
    }
}
