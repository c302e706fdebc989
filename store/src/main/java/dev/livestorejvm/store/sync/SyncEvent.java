package dev.livestorejvm.store.sync;

import dev.livestorejvm.store.SeqNum;
import dev.livestorejvm.store.StoredEvent;
import java.util.Objects;

/**
 * An event as the sync merge sees it (LiveStore's {@code LiveStoreEvent.Client.EncodedWithMeta}
 * without the session changeset): client-side numbers with rebase generation, arguments as JSON
 * text, and the provider's sync metadata as the eventlog stores it, an Effect Option in JSON
 * ({@code {"_tag":"None"}} or {@code {"_tag":"Some","value":...}}).
 *
 * <p>Internal to the store's sync: the leader's sync processor converts eventlog rows
 * ({@link #fromStored}) and pulled backend events ({@link #fromGlobal}) into this form.
 */
public record SyncEvent(SeqNum seqNum, SeqNum parentSeqNum, String name, String argsJson, String clientId,
                        String sessionId, String syncMetadataJson) {
    public SyncEvent {
        Objects.requireNonNull(seqNum, "seqNum");
        Objects.requireNonNull(parentSeqNum, "parentSeqNum");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionId, "sessionId");
        if (syncMetadataJson == null) syncMetadataJson = StoredEvent.NO_SYNC_METADATA;
    }

    /** An eventlog row as a merge event (its schema hash is dropped: merge does not use it). */
    public static SyncEvent fromStored(StoredEvent e) {
        return new SyncEvent(e.seqNum(), e.parentSeqNum(), e.name(), e.argsJson(), e.clientId(), e.sessionId(),
            e.syncMetadataJson());
    }

    /** This event as an eventlog row with the schema hash of its definition (-1 for an unknown name). */
    public StoredEvent toStored(long schemaHash) {
        return new StoredEvent(seqNum, parentSeqNum, name, argsJson, clientId, sessionId, schemaHash, syncMetadataJson);
    }

    /**
     * A pulled backend event ({@code EncodedWithMeta.fromGlobal}): client number 0 and rebase
     * generation 0 for the event and its parent; the provider metadata wrapped as {@code Some}.
     */
    public static SyncEvent fromGlobal(PulledEvent pulled) {
        GlobalEvent g = pulled.event();
        String meta = pulled.metadataJson().map(m -> "{\"_tag\":\"Some\",\"value\":" + m + "}")
            .orElse(StoredEvent.NO_SYNC_METADATA);
        return new SyncEvent(new SeqNum(g.seqNum(), 0, 0), new SeqNum(g.parentSeqNum(), 0, 0), g.name(), g.argsJson(),
            g.clientId(), g.sessionId(), meta);
    }

    /** The wire form ({@code toGlobal}): only the global numbers remain. */
    public GlobalEvent toGlobal() {
        return new GlobalEvent(seqNum.global(), parentSeqNum.global(), name, argsJson, clientId, sessionId);
    }

    /** True for a client-only event: numbered {@code client > 0} under its global parent. */
    public boolean isClientNumbered() {
        return seqNum.client() > 0;
    }

    /** This event under new numbers (a rebase), keeping its arguments, ids and metadata. */
    public SyncEvent renumbered(SeqNum newSeqNum, SeqNum newParent) {
        return new SyncEvent(newSeqNum, newParent, name, argsJson, clientId, sessionId, syncMetadataJson);
    }

    /** This event with other sync metadata (an Effect Option in JSON). */
    public SyncEvent withSyncMetadata(String metadataJson) {
        return new SyncEvent(seqNum, parentSeqNum, name, argsJson, clientId, sessionId, metadataJson);
    }

    /**
     * LiveStore's {@code isEqualEncoded}: same global and client number, name, clientId, sessionId
     * and arguments compared as JSON values (key order ignored, 1 equals 1.0 as in JavaScript).
     * Rebase generation, parent and metadata do not count.
     */
    public boolean sameEvent(SyncEvent o) {
        return seqNum.global() == o.seqNum.global() && seqNum.client() == o.seqNum.client() && name.equals(o.name)
            && clientId.equals(o.clientId) && sessionId.equals(o.sessionId) && JsonValues.equal(argsJson, o.argsJson);
    }

    @Override
    public String toString() {
        return seqNum + "→" + parentSeqNum + " " + name + argsJson + " (" + clientId + "/" + sessionId + ")";
    }
}
