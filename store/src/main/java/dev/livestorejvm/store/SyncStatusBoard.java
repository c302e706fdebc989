package dev.livestorejvm.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The latest {@link SyncStatus} for other threads: read it, wait for a condition, or hear of changes. */
final class SyncStatusBoard {
    private static final System.Logger LOG = System.getLogger(SyncStatusBoard.class.getName());
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private SyncStatus status;
    private boolean firstBurstDone;

    SyncStatusBoard(SyncStatus initial) {
        this.status = initial;
    }

    SyncStatus get() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
    }

    void update(java.util.function.UnaryOperator<SyncStatus> change) {
        SyncStatus before;
        SyncStatus after;
        lock.lock();
        try {
            before = status;
            after = change.apply(status);
            status = after;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!after.equals(before)) {
            for (Consumer<SyncStatus> l : listeners) {
                try {
                    l.accept(after);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a sync status listener failed", e);
                }
            }
        }
    }

    /** The first pulled burst (up to {@code NoMore}) is applied. */
    void firstBurstDone() {
        lock.lock();
        try {
            firstBurstDone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean awaitFirstBurst(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!firstBurstDone) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code condition} holds for the status, at most {@code timeout}; returns whether it does. */
    boolean await(Predicate<SyncStatus> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(status)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    Runnable listen(Consumer<SyncStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
