package dev.livestorejvm.server.postgres;

/** A store's row: its backendId and head (the last accepted global sequence number, 0 when empty). */
record StoreRow(String storeId, String backendId, long head) {}
