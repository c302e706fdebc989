package dev.livestorejvm.protocol;

import java.util.Objects;
import java.util.Optional;

/** The typed errors of sync-cf's RPCs (LiveStore 0.4.0's {@code ServerAheadError}, {@code BackendIdMismatchError}, {@code UnknownError}), carried in an {@code Exit} failure. */
public sealed interface SyncError {
    String tag();

    /** The push did not chain onto the head: {@code minimumExpectedNum} is the server's head, {@code providedNum} the batch's parent. */
    record ServerAheadError(long minimumExpectedNum, long providedNum) implements SyncError {
        public String tag() {
            return "ServerAheadError";
        }
    }

    /** {@code expected} is the server's backendId, {@code received} the client's. */
    record BackendIdMismatchError(String expected, String received) implements SyncError {
        public String tag() {
            return "BackendIdMismatchError";
        }
    }

    /**
     * Anything else, including input the server refuses (LiveStore 0.4.0 has no other error its clients
     * decode on these RPCs); the client retries it with backoff. {@code cause} is free JSON, {@code note} says what went wrong.
     */
    record UnknownError(RawJson cause, Optional<String> note) implements SyncError {
        public UnknownError {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(note, "note");
        }

        public static UnknownError of(String message) {
            return new UnknownError(JsonText.string(message), Optional.of(message));
        }

        public String tag() {
            return "UnknownError";
        }
    }
}
