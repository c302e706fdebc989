package dev.livestorejvm.server.storage;

/** One store as admin listings show it. */
public record StoreInfo(String storeId, String backendId, long head, long eventCount) {}
