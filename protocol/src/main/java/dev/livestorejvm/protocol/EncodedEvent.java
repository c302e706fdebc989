package dev.livestorejvm.protocol;

import java.util.Objects;

/**
 * LiveStore's {@code LiveStoreEvent.Global.Encoded}: {@code {name, args, seqNum, parentSeqNum, clientId, sessionId}}.
 * {@code args} stays raw JSON, so whoever orders and stores events needs no schema.
 */
public record EncodedEvent(String name, RawJson args, long seqNum, long parentSeqNum, String clientId, String sessionId) {
    public EncodedEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
