package dev.livestorejvm.protocol;

import java.util.Objects;

/** The {@code exit} of an RPC {@code Exit} frame: Effect's {@code Exit} as JSON. */
public sealed interface ExitResult {
    /** Push ack: {@code {}}; end of a non-live pull: {@code null}. */
    record Success(RawJson value) implements ExitResult {
        public Success {
            Objects.requireNonNull(value, "value");
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
