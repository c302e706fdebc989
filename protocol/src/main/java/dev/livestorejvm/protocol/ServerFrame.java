package dev.livestorejvm.protocol;

import java.util.List;
import java.util.Objects;

/** A frame from server to client (one WebSocket text frame, or one element of an HTTP response array). */
public sealed interface ServerFrame {
    record Chunk(String requestId, List<PullResponse> values) implements ServerFrame {
        public Chunk {
            Objects.requireNonNull(requestId, "requestId");
            values = List.copyOf(values);
        }
    }

    record Exit(String requestId, ExitResult exit) implements ServerFrame {
        public Exit {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(exit, "exit");
        }
    }

    record Pong() implements ServerFrame {}

    /** A failure not tied to a request (a frame the server could not decode); {@code defect} is free JSON. */
    record Defect(RawJson defect) implements ServerFrame {}
}
