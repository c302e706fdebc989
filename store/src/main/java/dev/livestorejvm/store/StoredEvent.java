package dev.livestorejvm.store;

/**
 * One row of the eventlog, as LiveStore stores it: encoded arguments as JSON text,
 * {@code schemaHash} of the event definition (-1 for events this schema does not know) and
 * {@code syncMetadataJson} (an Effect Option, {@code {"_tag":"None"}} until synced).
 */
public record StoredEvent(SeqNum seqNum, SeqNum parentSeqNum, String name, String argsJson, String clientId,
                          String sessionId, long schemaHash, String syncMetadataJson) {
    /** LiveStore's {@code UNKNOWN_EVENT_SCHEMA_HASH}. */
    public static final long UNKNOWN_SCHEMA_HASH = -1;
    public static final String NO_SYNC_METADATA = "{\"_tag\":\"None\"}";
}
