package dev.livestorejvm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livestorejvm.protocol.ClientFrame;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.ProtocolException;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.RpcGroup;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncError;
import dev.livestorejvm.protocol.SyncRequest;
import dev.livestorejvm.server.storage.AppendResult;
import dev.livestorejvm.server.storage.SyncStorage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The transport-neutral part of the server: decodes a client frame, checks it against the connection
 * (its URL's store and payload, the authorizer, the limits) and hands it to the store's hub. Bad input
 * gets a failure frame naming what is wrong; nothing is stored and other clients do not notice.
 */
final class SyncService {
    static final int MAX_FRAME_BYTES = 1 << 20;
    static final int MAX_BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    final SyncStorage storage;
    final ServerMetrics metrics;
    final Authorizer authorizer;
    private final ExecutorService catchUpExecutor;
    private final ExecutorService commitExecutor;
    private final Map<String, StoreHub> hubs = new ConcurrentHashMap<>();

    SyncService(SyncStorage storage, Authorizer authorizer, ServerMetrics metrics, ExecutorService catchUpExecutor, ExecutorService commitExecutor) {
        this.storage = storage;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.catchUpExecutor = catchUpExecutor;
        this.commitExecutor = commitExecutor;
        storage.onExternalAppend((storeId, head) -> {
            StoreHub hub = hubs.get(storeId);
            if (hub != null) hub.externalAppend(head);
        });
    }

    StoreHub hub(String storeId) {
        return hubs.computeIfAbsent(storeId, id -> new StoreHub(id, storage, catchUpExecutor, commitExecutor, metrics));
    }

    /** One text frame from a connection. */
    void onFrame(Connection conn, RpcGroup transport, String text) {
        // at most 3 UTF-8 bytes per char: a frame surely within the limit is not measured (was an encoding of every frame)
        if (text.length() > MAX_FRAME_BYTES || ((long) text.length() * 3 > MAX_FRAME_BYTES && utf8Length(text) > MAX_FRAME_BYTES)) {
            metrics.badFrame();
            String id = requestIdOf(text);
            String message = "frame of " + text.length() + " characters exceeds the limit of " + MAX_FRAME_BYTES + " bytes; nothing stored";
            if (id != null) conn.fail(id, SyncError.UnknownError.of(message));
            else conn.peer.send(SyncCodec.encode(new ServerFrame.Defect(jsonString(message))));
            return;
        }
        ClientFrame frame;
        try {
            frame = SyncCodec.decodeClient(text);
        } catch (ProtocolException e) {
            metrics.badFrame();
            String id = requestIdOf(text);
            if (id != null) conn.fail(id, SyncError.UnknownError.of(e.getMessage()));
            else conn.peer.send(SyncCodec.encode(new ServerFrame.Defect(jsonString(e.getMessage()))));
            return;
        }
        if (frame instanceof ClientFrame.Ping) {
            conn.peer.send(SyncCodec.encode(new ServerFrame.Pong()));
        } else if (frame instanceof ClientFrame.Interrupt i) {
            conn.interrupt(i.requestId());
        } else if (frame instanceof ClientFrame.Request r) {
            request(conn, transport, r);
        }
        // Ack (flow control we do not need: the outbox bounds what a socket may queue) and Eof: nothing to do
    }

    private void request(Connection conn, RpcGroup transport, ClientFrame.Request r) {
        String id = r.id();
        SyncRequest req = r.payload();
        if (r.group() != transport) {
            metrics.badFrame();
            conn.fail(id, SyncError.UnknownError.of("RPC " + r.group().tag(req) + " on the " + transport + " transport (expected " + transport.tag(req) + ")"));
            return;
        }
        if (!req.storeId().equals(conn.storeId)) {
            metrics.badFrame();
            conn.fail(id, SyncError.UnknownError.of("request " + id + " names store '" + req.storeId() + "' but the connection's URL names '" + conn.storeId + "'; nothing done"));
            return;
        }
        if (req.payload().isPresent() && !sameJson(req.payload().get(), conn.urlPayload.orElse(null))) {
            metrics.badFrame();
            conn.fail(id, SyncError.UnknownError.of("request " + id + ": its payload differs from the connection URL's payload; nothing done"));
            return;
        }
        Authorizer.Decision d = authorizer.authorize(new Authorizer.Request(conn.storeId, conn.urlPayload, conn.headers,
            req instanceof SyncRequest.Push ? Authorizer.Action.PUSH : Authorizer.Action.PULL));
        if (!d.allowed()) {
            metrics.denied();
            conn.fail(id, SyncError.UnknownError.of("not allowed: " + d.reason()));
            conn.peer.close(1008, "not allowed");
            return;
        }
        if (req instanceof SyncRequest.Push p) push(conn, id, p);
        else if (req instanceof SyncRequest.Pull p) pull(conn, id, p);
        else conn.exit(id, new ExitResult.Success(new RawJson("{\"_tag\":\"SyncMessage.Pong\"}")));
    }

    private void push(Connection conn, String id, SyncRequest.Push p) {
        List<EncodedEvent> batch = p.batch();
        if (batch.isEmpty()) {
            conn.exit(id, new ExitResult.Success(RawJson.EMPTY_OBJECT));
            return;
        }
        if (batch.size() > MAX_BATCH) {
            metrics.badFrame();
            conn.fail(id, SyncError.UnknownError.of("push " + id + ": batch of " + batch.size() + " events exceeds " + MAX_BATCH + "; nothing stored"));
            return;
        }
        StoreHub hub = hub(p.storeId());
        // a batch must chain onto itself: seqNum = parent + 1 = previous seqNum + 1 (the DO does not check this)
        for (int i = 0; i < batch.size(); i++) {
            EncodedEvent e = batch.get(i);
            boolean chained = e.seqNum() == e.parentSeqNum() + 1 && (i == 0 || e.parentSeqNum() == batch.get(i - 1).seqNum());
            if (!chained) {
                metrics.rejected();
                conn.fail(id, new SyncError.ServerAheadError(hub.publishedHead(), batch.get(0).parentSeqNum()));
                return;
            }
        }
        hub.push(conn, batch, p.backendId(), (r, failure) -> {
            if (failure != null) {
                conn.fail(id, SyncError.UnknownError.of("push " + id + " failed in storage: " + failure.getMessage()));
            } else if (r instanceof AppendResult.Appended) {
                conn.exit(id, new ExitResult.Success(RawJson.EMPTY_OBJECT));
            } else if (r instanceof AppendResult.ServerAhead s) {
                conn.fail(id, new SyncError.ServerAheadError(s.head(), batch.get(0).parentSeqNum()));
            } else if (r instanceof AppendResult.BackendIdMismatch m) {
                conn.fail(id, new SyncError.BackendIdMismatchError(m.backendId(), p.backendId().orElse("")));
            }
        });
    }

    private void pull(Connection conn, String id, SyncRequest.Pull p) {
        if (conn.hasLivePull(id)) {
            conn.fail(id, SyncError.UnknownError.of("pull " + id + ": a live pull with this request id is already running"));
            return;
        }
        StoreHub hub;
        try {
            hub = hub(p.storeId());
        } catch (RuntimeException e) {
            conn.fail(id, SyncError.UnknownError.of("pull " + id + " failed in storage: " + e.getMessage()));
            return;
        }
        long cursor = 0;
        if (p.cursor().isPresent()) {
            String backendId = hub.backendId();
            if (!p.cursor().get().backendId().equals(backendId)) {
                conn.fail(id, new SyncError.BackendIdMismatchError(backendId, p.cursor().get().backendId()));
                return;
            }
            cursor = p.cursor().get().eventSequenceNumber();
            long head = hub.publishedHead();
            if (cursor > head) {
                conn.fail(id, SyncError.UnknownError.of("pull " + id + ": cursor " + cursor + " is past the head " + head + " of store '"
                    + p.storeId() + "' with the same backendId (was the server's data restored from an older copy?)"));
                return;
            }
        }
        // HTTP has no live stream: the client polls
        hub.pull(conn, id, cursor, p.live() && conn.peer instanceof WsPeer);
    }

    /** The UTF-8 length of a text, counting a surrogate pair as its 4 bytes, without encoding it. */
    static long utf8Length(String s) {
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) continue;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 2;   // 2 chars, 4 bytes
                i++;
            } else {
                n += c < 0x800 ? 1 : 2;
            }
        }
        return n;
    }

    void closed(Connection conn) {
        conn.closed();
    }

    static boolean sameJson(RawJson a, RawJson b) {
        if (b == null) return false;
        if (a.json().equals(b.json())) return true;
        try {
            return JSON.readTree(a.json()).equals(JSON.readTree(b.json()));
        } catch (Exception e) {
            return false;
        }
    }

    static boolean isJson(RawJson v) {
        try {
            return JSON.readTree(v.json()) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The request id of a frame that failed to decode, if it has one, so the failure can answer that request. */
    static String requestIdOf(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.isObject() && n.path("_tag").asText("").equals("Request") && n.path("id").isTextual()) return n.get("id").asText();
        } catch (Exception ignored) {
            // not JSON: no id
        }
        return null;
    }

    static RawJson jsonString(String s) {
        try {
            return new RawJson(JSON.writeValueAsString(s));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
