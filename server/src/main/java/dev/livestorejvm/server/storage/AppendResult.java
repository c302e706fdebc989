package dev.livestorejvm.server.storage;

/** The outcome of {@link SyncStorage#append}: written, or refused with the reason; a refusal writes nothing. */
public sealed interface AppendResult {
    /** Durable; {@code head} is the new head. */
    record Appended(long head) implements AppendResult {}

    /** The batch's first parent was not the head; {@code head} is the current head. */
    record ServerAhead(long head) implements AppendResult {}

    /** The caller's backendId is not the store's ({@code backendId}): the store was reset. */
    record BackendIdMismatch(String backendId) implements AppendResult {}
}
