package dev.livestorejvm.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One fair gate per database file, for connections whose transactions take the write lock at
 * BEGIN ({@code transaction_mode=IMMEDIATE} or {@code EXCLUSIVE}): connections of this JVM queue
 * for it in order instead of polling SQLite's lock with back-off sleeps. Other processes still
 * meet SQLite's own locking (and the busy timeout).
 */
final class WriteGates {
    private static final ConcurrentHashMap<String, Semaphore> GATES = new ConcurrentHashMap<>();

    private WriteGates() {}

    static Semaphore of(String file) {
        return GATES.computeIfAbsent(file, f -> new Semaphore(1, true));
    }
}
