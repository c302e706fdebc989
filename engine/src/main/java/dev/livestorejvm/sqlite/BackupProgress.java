package dev.livestorejvm.sqlite;

/** Told after each step of {@link Database#backup}; it runs outside the runtime's lock. */
@FunctionalInterface
public interface BackupProgress {
    void onStep(int remainingPages, int totalPages);
}
