package dev.livestorejvm.store;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one burst pulled from the sync backend does to the leader's files, as the merge decided it:
 * undo the {@code rollback} events (pending events past the divergence, newest first), materialize
 * and append {@code newEvents} in order (others' events, then the rebased pending ones under their
 * new numbers), record the backend's metadata of the {@code confirmed} events, and move the backend
 * head. {@link LeaderDatabase#applyUpstream} does all of it in one transaction over both files, so
 * that a crash leaves the store before or after the burst, never in between (LiveStore 0.4.0 writes
 * the head first and rolls back outside any transaction: livestore#409). {@code decoded} holds
 * arguments decoded as the pages arrived (a mutable identity map from {@code argsJson} strings), so
 * that the writer does not decode them again.
 */
record UpstreamChange(List<StoredEvent> rollback, List<StoredEvent> newEvents, List<Confirmed> confirmed,
                      long backendHead, String backendId, Map<String, Decoded> decoded) {
    /** A change with nothing decoded ahead: the writer decodes every event's arguments. */
    UpstreamChange(List<StoredEvent> rollback, List<StoredEvent> newEvents, List<Confirmed> confirmed, long backendHead, String backendId) {
        this(rollback, newEvents, confirmed, backendHead, backendId, new IdentityHashMap<>());
    }

    /** Arguments decoded ahead, and the definition that decoded them. */
    record Decoded(EventDef<?> def, Object args) {}

    /**
     * The arguments of {@code e}, an event of {@code def}, if they were decoded ahead by {@code def}
     * (see {@link #decoded}: keyed by the identity of the event's {@code argsJson} string), else null.
     * Each is handed out once: two events sharing one string get arguments of their own.
     */
    Object decodedArgs(StoredEvent e, EventDef<?> def) {
        Decoded d = decoded.remove(e.argsJson());
        return d != null && d.def() == def ? d.args() : null;
    }

    /** An own event the backend echoed at the same position, with the metadata the backend gave it. */
    record Confirmed(SeqNum seqNum, String syncMetadataJson) {}

    boolean rebases() {
        return !rollback.isEmpty();
    }
}
