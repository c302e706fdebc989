package dev.livestorejvm.store.synccf;

/** The outcome of a push, as LiveStore's sync backend types it. */
public sealed interface PushResult {
    /** Appended; the events come back on live pulls (the echo) with their sync metadata. */
    record Ok() implements PushResult {}

    /** The batch's parent is not the server's head: pull first, rebase, push again. */
    record ServerAhead(long minimumExpectedNum, long providedNum) implements PushResult {}

    /** {@code expected} is the server's backendId, {@code received} the one the push named. */
    record BackendIdMismatch(String expected, String received) implements PushResult {}

    /** No connection, or it was lost before the answer: the push may or may not have been stored; retry after a pull. */
    record Offline(String reason) implements PushResult {}

    /** The server failed the push otherwise ({@code UnknownError}, a defect, an HTTP error status). */
    record Unknown(String message) implements PushResult {}

    PushResult OK = new Ok();
}
