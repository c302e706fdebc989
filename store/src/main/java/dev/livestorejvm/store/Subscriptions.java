package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The live queries of a session: after a change, each query that reads a written table re-runs
 * (under the session's lock, so it never sees half of a commit), and its callback runs only if the
 * rows differ from the last ones it saw.
 *
 * <p>Callbacks are queued and run by {@link #deliverPending()} outside the store's locks, in the
 * order the results were computed, so that a callback may commit, query or subscribe.
 */
final class Subscriptions {
    private static final System.Logger LOG = System.getLogger(Subscriptions.class.getName());
    private final List<Subscription> all = new CopyOnWriteArrayList<>();
    private final Queue<Delivery> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock deliverLock = new ReentrantLock();

    private record Delivery(Subscription s, Rows rows) {}

    Subscription add(Query<?> query, Set<String> tables, java.util.function.Consumer<Object> callback, Rows first) {
        Subscription s = new Subscription(this, query, tables, callback);
        s.last = first;
        all.add(s);
        pending.add(new Delivery(s, first));
        return s;
    }

    void remove(Subscription s) {
        all.remove(s);
    }

    int size() {
        return all.size();
    }

    /** Re-runs the queries reading any of {@code written} (null: all); queues the callbacks of those whose rows changed. */
    void refresh(Set<String> written, Function<Query<?>, Rows> runner) {
        if (written != null && written.isEmpty()) return;
        List<Subscription> affected = new ArrayList<>();
        for (Subscription s : all) {
            if (written == null) {
                affected.add(s);
                continue;
            }
            for (String t : s.tables) {
                if (written.contains(t)) {
                    affected.add(s);
                    break;
                }
            }
        }
        for (Subscription s : affected) {
            if (!s.isActive()) continue;
            Rows rows;
            try {
                rows = runner.apply(s.query);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "subscription query " + s.query.sql() + " failed", e);
                continue;
            }
            if (rows.sameAs(s.last)) continue;
            s.last = rows;
            pending.add(new Delivery(s, rows));
        }
    }

    /**
     * Runs the queued callbacks. Must be called without holding the store's locks. A callback that
     * commits delivers its own results from inside this loop (the lock is reentrant), in order.
     */
    void deliverPending() {
        // no shortcut on an empty queue: another thread may have taken a delivery and not yet run
        // it; waiting for the lock means that when this returns, every result computed before ran
        deliverLock.lock();
        try {
            for (Delivery d; (d = pending.poll()) != null; ) {
                if (d.s.isActive()) deliver(d.s, d.rows);
            }
        } finally {
            deliverLock.unlock();
        }
    }

    /** Calls back; an exception in a callback is logged and does not undo the commit that caused it. */
    private static void deliver(Subscription s, Rows rows) {
        try {
            s.callback.accept(s.query.decode(rows));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "subscription callback for " + s.query.sql() + " failed", e);
        }
    }
}
