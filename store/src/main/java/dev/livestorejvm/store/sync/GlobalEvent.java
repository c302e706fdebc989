package dev.livestorejvm.store.sync;

import java.util.Objects;

/**
 * An event as a sync backend stores and sends it (LiveStore's {@code LiveStoreEvent.Global.Encoded}):
 * the backend's global sequence number and its parent's, the event name, its arguments as JSON
 * text, and the ids of the client and session that committed it. Client numbers and rebase
 * generations never reach the backend.
 */
public record GlobalEvent(long seqNum, long parentSeqNum, String name, String argsJson, String clientId,
                          String sessionId) {
    public GlobalEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionId, "sessionId");
        if (seqNum < 1) throw new IllegalArgumentException("event " + name + ": seqNum " + seqNum + " < 1");
        if (parentSeqNum < 0) throw new IllegalArgumentException("event " + name + ": parentSeqNum " + parentSeqNum + " < 0");
    }

    @Override
    public String toString() {
        return "e" + seqNum + "→e" + parentSeqNum + " " + name + argsJson + " (" + clientId + "/" + sessionId + ")";
    }
}
