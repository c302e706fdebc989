package dev.livestorejvm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.EventPage;
import dev.livestorejvm.server.storage.StoreHead;
import dev.livestorejvm.server.storage.StoreInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Admin endpoints: {@code GET /health}, {@code GET /metrics} (Prometheus text), and under {@code /admin}
 * (bearer admin token when one is configured): {@code GET stores}, {@code POST stores/{id}/reset},
 * {@code GET stores/{id}/export} (JSON lines {@code {eventEncoded, metadata}}), {@code POST stores/{id}/import}
 * (the same lines, appended after the store's head through its hub, so live pulls see them).
 */
final class AdminHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncService service;
    private final Optional<String> adminToken;

    AdminHandler(SyncService service, Optional<String> adminToken) {
        this.service = service;
        this.adminToken = adminToken;
    }

    boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/health") && method.equals("GET")) {
            ObjectNode o = JSON.createObjectNode();
            o.put("status", "ok");
            o.put("connections", service.metrics.openConnections());
            return json(response, callback, 200, o.toString());
        }
        if (path.equals("/metrics") && method.equals("GET")) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            Content.Sink.write(response, true, PrometheusText.of(service.metrics), callback);
            return true;
        }
        if (!path.startsWith("/admin/")) {
            return SyncHandler.error(response, callback, 404, "no such endpoint: " + path
                + " (sync URLs carry ?storeId=...&transport=ws|http; admin: /health, /metrics, /admin/stores)");
        }
        if (adminToken.isPresent()) {
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            byte[] expected = ("Bearer " + adminToken.get()).getBytes(StandardCharsets.UTF_8);
            if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
                return SyncHandler.error(response, callback, 401, "admin endpoints need 'Authorization: Bearer <admin token>'");
            }
        }
        String[] parts = path.substring("/admin/".length()).split("/");
        if (parts.length == 1 && parts[0].equals("stores") && method.equals("GET")) {
            ArrayNode a = JSON.createArrayNode();
            for (StoreInfo s : service.storage.stores()) {
                a.addObject().put("storeId", s.storeId()).put("backendId", s.backendId()).put("head", s.head()).put("eventCount", s.eventCount());
            }
            return json(response, callback, 200, a.toString());
        }
        if (parts.length == 3 && parts[0].equals("stores")) {
            String storeId = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            String op = parts[2];
            if (op.equals("reset") && method.equals("POST")) {
                StoreHead h = service.hub(storeId).reset();
                return json(response, callback, 200, JSON.createObjectNode().put("storeId", storeId).put("backendId", h.backendId()).put("head", h.head()).toString());
            }
            if (op.equals("export") && method.equals("GET")) return export(response, callback, storeId);
            if (op.equals("import") && method.equals("POST")) return importLines(request, response, callback, storeId);
        }
        return SyncHandler.error(response, callback, 404, "no such admin endpoint: " + method + " " + path);
    }

    private boolean export(Response response, Callback callback, String storeId) throws Exception {
        StoreHub hub = service.hub(storeId);
        long until = hub.publishedHead();
        StringBuilder out = new StringBuilder();
        long after = 0;
        while (after < until) {
            EventPage page = service.storage.read(storeId, after, until, 1000);
            if (page.events().isEmpty()) break;
            for (PullEvent e : page.events()) {
                out.append("{\"eventEncoded\":").append(dev.livestorejvm.protocol.SyncCodec.encodeEvent(e.eventEncoded()))
                    .append(",\"metadata\":").append(e.metadata().map(RawJson::json).orElse("null")).append("}\n");
            }
            after = page.events().get(page.events().size() - 1).eventEncoded().seqNum();
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
        Content.Sink.write(response, true, out.toString(), callback);
        return true;
    }

    private boolean importLines(Request request, Response response, Callback callback, String storeId) throws Exception {
        StoreHub hub = service.hub(storeId);
        List<EncodedEvent> batch = new ArrayList<>();
        long imported = 0;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Request.asInputStream(request), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                EncodedEvent e;
                try {
                    JsonNode n = JSON.readTree(line);
                    JsonNode ev = n.has("eventEncoded") ? n.get("eventEncoded") : n;
                    e = dev.livestorejvm.protocol.SyncCodec.decodeEvent(ev.toString());
                } catch (Exception ex) {
                    return SyncHandler.error(response, callback, 400, "line " + lineNo + ": not an event: " + ex.getMessage() + " (" + imported + " events imported before it)");
                }
                batch.add(e);
                if (batch.size() == SyncService.MAX_BATCH) {
                    String err = flush(hub, batch, lineNo);
                    if (err != null) return SyncHandler.error(response, callback, 409, err + " (" + imported + " events imported before it)");
                    imported += batch.size();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            String err = flush(hub, batch, lineNo);
            if (err != null) return SyncHandler.error(response, callback, 409, err + " (" + imported + " events imported before it)");
            imported += batch.size();
        }
        return json(response, callback, 200, JSON.createObjectNode().put("storeId", storeId).put("imported", imported).put("head", hub.publishedHead()).toString());
    }

    private static String flush(StoreHub hub, List<EncodedEvent> batch, int lineNo) {
        for (int i = 0; i < batch.size(); i++) {
            EncodedEvent e = batch.get(i);
            if (e.seqNum() != e.parentSeqNum() + 1 || (i > 0 && e.parentSeqNum() != batch.get(i - 1).seqNum())) {
                return "near line " + lineNo + ": event " + e.seqNum() + " does not chain onto its predecessor";
            }
        }
        AppendResult r = hub.pushAndWait(List.copyOf(batch), Optional.empty());
        if (r instanceof AppendResult.ServerAhead s) {
            return "near line " + lineNo + ": event " + batch.get(0).seqNum() + " has parent " + batch.get(0).parentSeqNum() + " but the store's head is " + s.head();
        }
        return null;
    }

    private static boolean json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body, callback);
        return true;
    }
}
