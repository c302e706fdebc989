package dev.livestorejvm.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The payload of an RPC {@code Request}: Pull, Push or Ping, each naming its store and the client's payload. */
public sealed interface SyncRequest {
    String storeId();

    /** The client's free-form payload (auth tokens and the like); absent when the client sent none. */
    Optional<RawJson> payload();

    /** The short RPC name: {@code Pull}, {@code Push}, {@code Ping}. */
    String rpcName();

    /** {@code live}: keep the stream open and send every later push (WebSocket only; HTTP polls). */
    record Pull(String storeId, Optional<RawJson> payload, Optional<Cursor> cursor, boolean live) implements SyncRequest {
        public Pull {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(cursor, "cursor");
        }

        @Override
        public String rpcName() {
            return "Pull";
        }
    }

    record Push(String storeId, Optional<RawJson> payload, List<EncodedEvent> batch, Optional<String> backendId) implements SyncRequest {
        public Push {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(payload, "payload");
            batch = List.copyOf(batch);
            Objects.requireNonNull(backendId, "backendId");
        }

        @Override
        public String rpcName() {
            return "Push";
        }
    }

    /** HTTP transport only ({@code SyncHttpRpc.Ping}); over WebSocket the bare {@code {"_tag":"Ping"}} frame is used. */
    record Ping(String storeId, Optional<RawJson> payload) implements SyncRequest {
        public Ping {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String rpcName() {
            return "Ping";
        }
    }
}
