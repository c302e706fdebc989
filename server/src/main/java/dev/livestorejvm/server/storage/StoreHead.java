package dev.livestorejvm.server.storage;

/** A store's identity (backendId, new after each reset) and its head seqNum (0: empty). */
public record StoreHead(String backendId, long head) {}
