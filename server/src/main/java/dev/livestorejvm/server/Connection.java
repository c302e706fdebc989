package dev.livestorejvm.server;

import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.protocol.SyncError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection: the store and payload its URL named, its headers, where its frames go, and
 * its live pulls (freed when it closes).
 */
final class Connection {
    final String storeId;
    final Optional<RawJson> urlPayload;
    final Map<String, List<String>> headers;
    final Peer peer;
    private final Map<String, Subscription> live = new ConcurrentHashMap<>();
    private final Map<Subscription, StoreHub> hubs = new ConcurrentHashMap<>();

    Connection(String storeId, Optional<RawJson> urlPayload, Map<String, List<String>> headers, Peer peer) {
        this.storeId = storeId;
        this.urlPayload = urlPayload;
        this.headers = headers;
        this.peer = peer;
    }

    void subscribed(Subscription sub, StoreHub hub) {
        live.put(sub.requestId, sub);
        hubs.put(sub, hub);
    }

    boolean hasLivePull(String requestId) {
        return live.containsKey(requestId);
    }

    /** {@code Interrupt}: ends that live pull. */
    void interrupt(String requestId) {
        Subscription sub = live.remove(requestId);
        if (sub != null) {
            StoreHub hub = hubs.remove(sub);
            if (hub != null) hub.unsubscribe(sub);
        }
    }

    /** The socket closed: every live pull goes. */
    void closed() {
        for (String id : List.copyOf(live.keySet())) interrupt(id);
    }

    void exit(String requestId, ExitResult exit) {
        peer.send(SyncCodec.encode(new ServerFrame.Exit(requestId, exit)));
    }

    void fail(String requestId, SyncError error) {
        exit(requestId, new ExitResult.Failure(error));
    }

    void failed(String requestId, String message) {
        live.remove(requestId);
        fail(requestId, SyncError.UnknownError.of(message));
    }

    void backendReset(String requestId, String newBackendId, String oldBackendId) {
        live.remove(requestId);
        fail(requestId, new SyncError.BackendIdMismatchError(newBackendId, oldBackendId));
    }

    void protocolViolation(String message) {
        peer.close(1011, message.length() > 120 ? message.substring(0, 120) : message);
    }
}
