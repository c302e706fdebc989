package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a {@link SyncCfClient} connects. Defaults are sync-cf 0.4.0's: ping every 10 s with a
 * 10 s timeout, reconnect backoff from 1 s doubling to 30 s (jittered), HTTP live pulls poll every 5 s.
 */
public record SyncCfOptions(URI url, String storeId, Optional<RawJson> payload, Duration pingInterval, Duration pingTimeout,
                            Duration minBackoff, Duration maxBackoff, Duration connectTimeout, Duration requestTimeout,
                            Duration pollInterval, int maxFrameChars, int maxQueuedFrames, long maxQueuedChars, long maxHttpResponseBytes) {
    public SyncCfOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(payload, "payload");
        if (storeId.isEmpty()) throw new IllegalArgumentException("storeId is empty");
        if (minBackoff.isZero() || minBackoff.compareTo(maxBackoff) > 0) throw new IllegalArgumentException("backoff: need 0 < min <= max");
        if (maxFrameChars < 1024) throw new IllegalArgumentException("maxFrameChars below 1024");
        if (maxQueuedFrames < 4) throw new IllegalArgumentException("maxQueuedFrames below 4");
        if (maxQueuedChars < 2L * PushBatches.MAX_BYTES) throw new IllegalArgumentException("maxQueuedChars below two full pushes");
        if (maxHttpResponseBytes < maxFrameChars) throw new IllegalArgumentException("maxHttpResponseBytes below maxFrameChars");
    }

    /** {@code url}: the sync endpoint without query, e.g. {@code ws://127.0.0.1:8787} ({@code http(s)} works too). */
    public static Builder builder(URI url, String storeId) {
        return new Builder(url, storeId);
    }

    /** The URL with sync-cf's query for {@code transport} ({@code ws} or {@code http}); the scheme follows the transport. */
    URI endpoint(String transport) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean secure = scheme.equals("wss") || scheme.equals("https");
        String wanted = transport.equals("ws") ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
        String base = url.toString().substring(scheme.length());
        String sep = url.getRawQuery() == null ? (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/?" : "?") : "&";
        return URI.create(wanted + base + sep + SyncUrl.query(storeId, payload, transport));
    }

    public static final class Builder {
        private final URI url;
        private final String storeId;
        private Optional<RawJson> payload = Optional.empty();
        private Duration pingInterval = Duration.ofSeconds(10);
        private Duration pingTimeout = Duration.ofSeconds(10);
        private Duration minBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(5);
        private int maxFrameChars = 4 << 20;
        private int maxQueuedFrames = 1024;
        private long maxQueuedChars = 16L << 20;
        private long maxHttpResponseBytes = 256L << 20;

        private Builder(URI url, String storeId) {
            this.url = url;
            this.storeId = storeId;
        }

        /** The client's payload (auth token and the like), sent in the URL and in every request. */
        public Builder payload(RawJson payload) {
            this.payload = Optional.of(payload);
            return this;
        }

        public Builder ping(Duration interval, Duration timeout) {
            this.pingInterval = interval;
            this.pingTimeout = timeout;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** How long a request may go unanswered: an HTTP request, or a WebSocket push (then the socket is dropped and re-synced). */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** HTTP: how often a live pull polls. */
        public Builder pollInterval(Duration d) {
            this.pollInterval = d;
            return this;
        }

        /** The largest frame (or HTTP response body) accepted from the server, in characters; larger ones are bad input. */
        public Builder maxFrameChars(int n) {
            this.maxFrameChars = n;
            return this;
        }

        /** WebSocket: how many frames may wait to be sent; past that (or {@code maxQueuedChars}) a push is answered offline. */
        public Builder maxQueuedFrames(int n) {
            this.maxQueuedFrames = n;
            return this;
        }

        /** WebSocket: how many characters of frames may wait to be sent (pushes are up to 900 KB each). */
        public Builder maxQueuedChars(long n) {
            this.maxQueuedChars = n;
            return this;
        }

        /**
         * HTTP: the largest response body accepted. sync-cf's HTTP server answers a pull with the whole
         * history after the cursor in one body, so this is far above {@code maxFrameChars}.
         */
        public Builder maxHttpResponseBytes(long n) {
            this.maxHttpResponseBytes = n;
            return this;
        }

        public SyncCfOptions build() {
            return new SyncCfOptions(url, storeId, payload, pingInterval, pingTimeout, minBackoff, maxBackoff, connectTimeout,
                requestTimeout, pollInterval, maxFrameChars, maxQueuedFrames, maxQueuedChars, maxHttpResponseBytes);
        }
    }
}
