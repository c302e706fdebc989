package dev.livestorejvm.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A frame from client to server (one WebSocket text frame, or an HTTP request body). */
public sealed interface ClientFrame {
    /** An RPC request. {@code trace} and {@code headers} are Effect-RPC's and are passed through untouched. */
    record Request(String id, RpcGroup group, SyncRequest payload, Optional<Trace> trace, List<Header> headers) implements ClientFrame {
        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(trace, "trace");
            headers = List.copyOf(headers);
        }

        public Request(String id, RpcGroup group, SyncRequest payload) {
            this(id, group, payload, Optional.empty(), List.of());
        }
    }

    /** Sent after each received stream chunk. */
    record Ack(String requestId) implements ClientFrame {}

    /** Ends a (live) stream. */
    record Interrupt(String requestId) implements ClientFrame {}

    record Eof() implements ClientFrame {}

    /** The keep-alive {@code {"_tag":"Ping"}}; answered by {@link ServerFrame.Pong}. */
    record Ping() implements ClientFrame {}

    record Trace(String traceId, String spanId, boolean sampled) {}

    record Header(String name, String value) {}
}
