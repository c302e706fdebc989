package dev.livestorejvm.store.synccf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The {@code connected} flag and its listeners; set on the client thread only. */
final class ConnectedState {
    private static final System.Logger LOG = System.getLogger(ConnectedState.class.getName());
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean connected;

    boolean get() {
        return connected;
    }

    void listen(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    void set(boolean value) {
        if (connected == value) return;
        connected = value;
        for (Consumer<Boolean> l : listeners) {
            try {
                l.accept(value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "connected listener failed", e);
            }
        }
    }
}
