package dev.livestorejvm.store;

import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.PullCursor;
import dev.livestorejvm.store.sync.PullListener;
import dev.livestorejvm.store.sync.PullPage;
import dev.livestorejvm.store.sync.PullSubscription;
import dev.livestorejvm.store.sync.SyncBackend;
import dev.livestorejvm.store.sync.SyncBackendException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A {@link SyncBackend} as the leader's sync processor drives it ({@link BackendLink}). */
final class SyncBackendLink implements BackendLink {
    private final SyncBackend backend;

    SyncBackendLink(SyncBackend backend) {
        this.backend = backend;
    }

    @Override
    public Pull pull(long cursor, String backendId, PullListener listener) {
        Optional<PullCursor> from = cursor == 0 && backendId == null ? Optional.empty() : Optional.of(PullCursor.of(cursor, backendId));
        StartedPull started = new StartedPull();
        whenConnected().whenComplete((ok, error) -> {
            if (error != null) {
                listener.failed(failure(error));
                return;
            }
            started.begin(() -> backend.pull(from, true, new dev.livestorejvm.store.sync.PullListener() {
                @Override
                public void onPage(PullPage page) {
                    listener.page(new Page(page.events(), page.pageInfo() instanceof PullPage.PageInfo.NoMore, page.backendId()));
                }

                @Override
                public void onError(SyncBackendException e) {
                    listener.failed(failure(e));
                }
            }));
        });
        return started::cancel;
    }

    /** A pull that starts once connected, and may be cancelled before it starts. */
    private static final class StartedPull {
        private PullSubscription subscription;
        private boolean cancelled;

        synchronized void begin(java.util.function.Supplier<PullSubscription> start) {
            if (!cancelled) subscription = start.get();
        }

        void cancel() {
            PullSubscription s;
            synchronized (this) {
                cancelled = true;
                s = subscription;
            }
            if (s != null) s.close();
        }
    }

    @Override
    public CompletableFuture<Void> push(List<GlobalEvent> batch, String backendId) {
        return whenConnected().thenCompose(ok -> backend.push(batch, Optional.ofNullable(backendId))).handle((ok, error) -> {
            if (error == null) return null;
            throw new FailureException(failure(error));
        });
    }

    /** Connects first if the backend is not connected (after a drop, SyncBackend.connect reconnects). */
    private CompletableFuture<Void> whenConnected() {
        return backend.isConnected() ? CompletableFuture.completedFuture(null) : backend.connect();
    }

    private static Failure failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof SyncBackendException e ? failure(e) : Failure.of(Failure.Kind.UNKNOWN, String.valueOf(cause));
    }

    static Failure failure(SyncBackendException e) {
        if (e instanceof SyncBackendException.ServerAhead a) {
            return new Failure(Failure.Kind.SERVER_AHEAD, e.getMessage(), a.minimumExpectedNum(), a.providedNum(), null);
        }
        if (e instanceof SyncBackendException.BackendIdMismatch m) {
            return new Failure(Failure.Kind.BACKEND_ID_MISMATCH, e.getMessage(), -1, -1, m.expected());
        }
        if (e instanceof SyncBackendException.Offline) return Failure.of(Failure.Kind.OFFLINE, e.getMessage());
        return Failure.of(Failure.Kind.UNKNOWN, e.getMessage());
    }

    @Override
    public boolean connected() {
        return backend.isConnected();
    }

    @Override
    public Runnable onConnectionChange(java.util.function.Consumer<Boolean> listener) {
        return backend.onConnectionChange(listener);
    }

    @Override
    public void close() {
        backend.close();
    }
}
