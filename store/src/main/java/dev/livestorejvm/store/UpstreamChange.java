package dev.livestorejvm.store;

import java.util.List;

/**
 * What one burst pulled from the sync backend does to the leader's files, as the merge decided it:
 * undo the {@code rollback} events (pending events past the divergence, newest first), materialize
 * and append {@code newEvents} in order (others' events, then the rebased pending ones under their
 * new numbers), record the backend's metadata of the {@code confirmed} events, and move the backend
 * head. {@link LeaderDatabase#applyUpstream} does all of it in one transaction over both files, so
 * that a crash leaves the store before or after the burst, never in between (LiveStore 0.4.0 writes
 * the head first and rolls back outside any transaction: livestore#409).
 */
record UpstreamChange(List<StoredEvent> rollback, List<StoredEvent> newEvents, List<Confirmed> confirmed,
                      long backendHead, String backendId) {
    /** An own event the backend echoed at the same position, with the metadata the backend gave it. */
    record Confirmed(SeqNum seqNum, String syncMetadataJson) {}

    boolean rebases() {
        return !rollback.isEmpty();
    }
}
