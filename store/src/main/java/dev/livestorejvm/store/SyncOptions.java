package dev.livestorejvm.store;

import java.time.Duration;
import java.util.Objects;
import dev.livestorejvm.store.sync.SyncBackend;
import java.util.function.Function;

/**
 * How a store syncs: its backend, what to do when the backend turns out to be another one, and
 * whether opening the store waits for the first catch-up. Pass to {@link StoreOptions.Builder#sync}.
 */
public final class SyncOptions {
    /** What to do when the backend is not the one the store synced with (LiveStore's {@code onBackendIdMismatch}). */
    public enum OnBackendIdMismatch {
        /** Drop the local eventlog and state (unconfirmed local events included, reported) and sync from the new backend. LiveStore's default. */
        RESET,
        /** Stop syncing and refuse further commits; keep every file as it is. */
        SHUTDOWN,
        /** Stop syncing and go on offline; keep every file as it is. */
        IGNORE
    }

    final Function<LinkContext, BackendLink> link;
    final OnBackendIdMismatch onBackendIdMismatch;
    final Duration initialSyncTimeout;

    /** What a backend connection is opened for: the store, the client and session ids. */
    record LinkContext(String storeId, String clientId, String sessionId) {}

    private SyncOptions(Builder b) {
        this.link = b.link;
        this.onBackendIdMismatch = b.onBackendIdMismatch;
        this.initialSyncTimeout = b.initialSyncTimeout;
    }

    /** Opens the backend of one store for one client (LiveStore's {@code SyncBackendConstructor}). */
    @FunctionalInterface
    public interface BackendFactory {
        SyncBackend open(String storeId, String clientId);
    }

    /** Syncs through the backends {@code backend} opens, e.g. {@code (store, client) -> server.backend(store, client)}. */
    public static Builder builder(BackendFactory backend) {
        Objects.requireNonNull(backend, "backend");
        return new Builder(c -> new SyncBackendLink(backend.open(c.storeId(), c.clientId())));
    }

    /** Syncs through a link of this package (tests). */
    static Builder builderForLink(Function<LinkContext, BackendLink> link) {
        return new Builder(Objects.requireNonNull(link, "link"));
    }

    public static final class Builder {
        private final Function<LinkContext, BackendLink> link;
        private OnBackendIdMismatch onBackendIdMismatch = OnBackendIdMismatch.RESET;
        private Duration initialSyncTimeout = Duration.ZERO;

        private Builder(Function<LinkContext, BackendLink> link) {
            this.link = link;
        }

        public Builder onBackendIdMismatch(OnBackendIdMismatch policy) {
            this.onBackendIdMismatch = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Makes opening the store wait (at most {@code timeout}) until the first pull from the
         * backend is applied, as LiveStore's {@code initialSyncOptions: {_tag: 'Blocking'}}; by
         * default opening never waits for the network.
         */
        public Builder initialSync(Duration timeout) {
            if (timeout.isNegative()) throw new IllegalArgumentException("timeout must not be negative");
            this.initialSyncTimeout = timeout;
            return this;
        }

        public SyncOptions build() {
            return new SyncOptions(this);
        }
    }
}
