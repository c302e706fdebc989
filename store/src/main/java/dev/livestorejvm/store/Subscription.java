package dev.livestorejvm.store;

/** A live query's registration; {@link #close()} (or {@link #unsubscribe()}) stops its callbacks. */
public final class Subscription implements AutoCloseable {
    private final Subscriptions owner;
    final Query<?> query;
    final java.util.Set<String> tables;
    final java.util.function.Consumer<Object> callback;
    Rows last;
    private volatile boolean active = true;

    Subscription(Subscriptions owner, Query<?> query, java.util.Set<String> tables, java.util.function.Consumer<Object> callback) {
        this.owner = owner;
        this.query = query;
        this.tables = tables;
        this.callback = callback;
    }

    public boolean isActive() {
        return active;
    }

    /** The tables whose writes re-run this query. */
    public java.util.Set<String> tables() {
        return tables;
    }

    public void unsubscribe() {
        active = false;
        owner.remove(this);
    }

    @Override
    public void close() {
        unsubscribe();
    }
}
