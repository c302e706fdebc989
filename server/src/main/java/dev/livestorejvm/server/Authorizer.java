package dev.livestorejvm.server;

import dev.livestorejvm.protocol.RawJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who may read and write which store. Called on connect (WebSocket upgrade, HTTP request) and
 * again for every push and pull, with the store, the client's payload (sync-cf's {@code payload}, where
 * LiveStore apps put auth tokens) and the HTTP headers of the connection. A denied connect gets HTTP 403;
 * a denied request gets an {@code UnknownError} and the socket is closed (1008).
 */
@FunctionalInterface
public interface Authorizer {
    Authorizer ALLOW_ALL = r -> Decision.allow();

    Decision authorize(Request request);

    enum Action {
        CONNECT,
        PULL,
        PUSH
    }

    /** Header names are lower case. */
    record Request(String storeId, Optional<RawJson> payload, Map<String, List<String>> headers, Action action) {}

    record Decision(boolean allowed, String reason) {
        public static Decision allow() {
            return new Decision(true, "");
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }
}
