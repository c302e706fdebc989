package dev.livestorejvm.protocol;

import java.util.Objects;
import java.util.Optional;

/** The {@code exit} of an RPC {@code Exit} frame: Effect's {@code Exit} as JSON. */
public sealed interface ExitResult {
    /**
     * Push ack: {@code {}}. The end of a stream (a non-live pull) is void: no {@code value} key at all,
     * as Effect's RPC server writes it ({@code JSON.stringify} drops {@code undefined}): {@link #VOID}.
     */
    record Success(Optional<RawJson> value) implements ExitResult {
        public static final Success VOID = new Success(Optional.empty());

        public Success {
            Objects.requireNonNull(value, "value");
        }

        public Success(RawJson value) {
            this(Optional.of(value));
        }
    }

    /** {@code {"_tag":"Failure","cause":{"_tag":"Fail","error":...}}}: a typed error. */
    record Failure(SyncError error) implements ExitResult {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    /** {@code {"_tag":"Failure","cause":{"_tag":"Die","defect":...}}}: an untyped failure. */
    record Die(RawJson defect) implements ExitResult {
        public Die {
            Objects.requireNonNull(defect, "defect");
        }
    }
}
