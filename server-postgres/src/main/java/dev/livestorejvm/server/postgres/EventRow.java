package dev.livestorejvm.server.postgres;

/** One stored event as the table holds it: {@code args} is the client's JSON text, {@code metadata} its sync metadata as JSON text (null: none). */
record EventRow(long seq, long parentSeq, String name, String args, String clientId, String sessionId, String metadata) {}
