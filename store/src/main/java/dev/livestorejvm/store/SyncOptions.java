package dev.livestorejvm.store;

import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.store.synccf.SyncCfBackend;
import dev.livestorejvm.store.synccf.SyncCfOptions;
import java.net.URI;
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

    /** What a backend connection is opened for: the store, the client and session ids, the client's payload (JSON, or null). */
    record LinkContext(String storeId, String clientId, String sessionId, String payload) {}

    final String payload;

    private SyncOptions(Builder b) {
        this.payload = b.payload;
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

    /**
     * Syncs through a sync-cf endpoint over WebSocket ({@code @livestore/sync-cf}'s {@code makeWsSync}):
     * the project's sync server, e.g. {@code ws://127.0.0.1:8787}, or any sync-cf server.
     */
    public static Builder webSocket(URI url) {
        Objects.requireNonNull(url, "url");
        return new Builder(c -> new SyncBackendLink(SyncCfBackend.webSocket(syncCf(url, c))));
    }

    /** Syncs through a sync-cf endpoint over HTTP ({@code makeHttpSync}: one POST per request, live pulls poll every 5 s). */
    public static Builder http(URI url) {
        Objects.requireNonNull(url, "url");
        return new Builder(c -> new SyncBackendLink(SyncCfBackend.http(syncCf(url, c))));
    }

    private static SyncCfOptions syncCf(URI url, LinkContext c) {
        SyncCfOptions.Builder b = SyncCfOptions.builder(url, c.storeId());
        if (c.payload() != null) b.payload(new RawJson(c.payload()));
        return b.build();
    }

    /** Syncs through a link of this package (tests). */
    static Builder builderForLink(Function<LinkContext, BackendLink> link) {
        return new Builder(Objects.requireNonNull(link, "link"));
    }

    public static final class Builder {
        private final Function<LinkContext, BackendLink> link;
        private OnBackendIdMismatch onBackendIdMismatch = OnBackendIdMismatch.RESET;
        private Duration initialSyncTimeout = Duration.ZERO;
        private String payload;

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

        /**
         * The client's payload, a JSON value the backend sees with every request (sync-cf sends it in the
         * URL and in each request: an auth token and the like). Only the sync-cf transports use it.
         */
        public Builder payload(String json) {
            if (json != null) {
                try {
                    Json.MAPPER.readTree(json);
                } catch (java.io.IOException | RuntimeException e) {
                    throw new IllegalArgumentException("the sync payload is not one JSON value: " + e.getMessage(), e);
                }
            }
            this.payload = json;
            return this;
        }

        public SyncOptions build() {
            return new SyncOptions(this);
        }
    }
}
