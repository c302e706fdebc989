package dev.livestorejvm.store;

import java.util.List;

/** LiveStore 0.4.0's system tables: two in the eventlog database, three in every state database. */
final class SystemTables {
    private SystemTables() {}

    static final String SCHEMA = "__livestore_schema";
    static final String SCHEMA_EVENT_DEFS = "__livestore_schema_event_defs";
    static final String SESSION_CHANGESET = "__livestore_session_changeset";
    static final String EVENTLOG = "eventlog";
    static final String SYNC_STATUS = "__livestore_sync_status";

    static final Table SCHEMA_META = Table.define(SCHEMA,
        Column.text("tableName").primaryKey(), Column.integer("schemaHash"), Column.text("updatedAt"));

    static final Table SCHEMA_EVENT_DEFS_META = Table.define(SCHEMA_EVENT_DEFS,
        Column.text("eventName").primaryKey(), Column.integer("schemaHash"), Column.text("updatedAt"));

    /** {@code debug} is a nullable json column: LiveStore hashes it without a jsonSchemaHash. */
    static final Table SESSION_CHANGESET_META = Table.define(SESSION_CHANGESET,
        Column.integer("seqNumGlobal"), Column.integer("seqNumClient"), Column.integer("seqNumRebaseGeneration"),
        Column.blob("changeset").nullable(), Column.json("debug").nullable())
        .withIndexes(Index.of("idx_session_changeset_id", "seqNumGlobal", "seqNumClient"));

    /** In the order LiveStore appends them to the user tables (which decides the state hash). */
    static final List<Table> STATE = List.of(SCHEMA_META, SCHEMA_EVENT_DEFS_META, SESSION_CHANGESET_META);

    static final Table EVENTLOG_TABLE = Table.define(EVENTLOG,
        Column.integer("seqNumGlobal").primaryKey(), Column.integer("seqNumClient").primaryKey(),
        Column.integer("seqNumRebaseGeneration").primaryKey(),
        Column.integer("parentSeqNumGlobal"), Column.integer("parentSeqNumClient"), Column.integer("parentSeqNumRebaseGeneration"),
        Column.text("name"), Column.text("argsJson"), Column.text("clientId"), Column.text("sessionId"),
        Column.integer("schemaHash"), Column.text("syncMetadataJson"))
        .withIndexes(Index.of("idx_eventlog_seqNumGlobal", "seqNumGlobal"),
            Index.of("idx_eventlog_seqNum", "seqNumGlobal", "seqNumClient", "seqNumRebaseGeneration"));

    static final Table SYNC_STATUS_TABLE = Table.define(SYNC_STATUS,
        Column.integer("head").primaryKey(), Column.text("backendId").nullable());

    static boolean isSystemTable(String name) {
        return name.startsWith("__livestore") || name.equals(EVENTLOG);
    }
}
