package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The live queries of a store: after a commit, each query that reads a written table re-runs, and
 * its callback runs only if the rows differ from the last ones it saw.
 */
final class Subscriptions {
    private static final System.Logger LOG = System.getLogger(Subscriptions.class.getName());
    private final List<Subscription> all = new CopyOnWriteArrayList<>();

    Subscription add(Query<?> query, Set<String> tables, java.util.function.Consumer<Object> callback) {
        Subscription s = new Subscription(this, query, tables, callback);
        all.add(s);
        return s;
    }

    void remove(Subscription s) {
        all.remove(s);
    }

    int size() {
        return all.size();
    }

    /** Re-runs the queries reading any of {@code written}; calls back those whose rows changed. */
    void refresh(Set<String> written, Function<Query<?>, Rows> runner) {
        if (written.isEmpty()) return;
        List<Subscription> affected = new ArrayList<>();
        for (Subscription s : all) {
            for (String t : s.tables) {
                if (written.contains(t)) {
                    affected.add(s);
                    break;
                }
            }
        }
        for (Subscription s : affected) {
            if (!s.isActive()) continue;
            Rows rows = runner.apply(s.query);
            if (rows.sameAs(s.last)) continue;
            s.last = rows;
            deliver(s, rows);
        }
    }

    /** Calls back; an exception in a callback is logged and does not undo the commit that caused it. */
    static void deliver(Subscription s, Rows rows) {
        try {
            s.callback.accept(s.query.decode(rows));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "subscription callback for " + s.query.sql() + " failed", e);
        }
    }
}
