package dev.livestorejvm.server;

import dev.livestorejvm.server.storage.SyncStorage;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * A LiveStore sync server speaking {@code @livestore/sync-cf}'s protocol over WebSocket and HTTP, on
 * Jetty 12. Unmodified LiveStore 0.4.0 clients point {@code makeWsSync({url: server.uri()})} at it.
 *
 * <pre>{@code
 * try (SyncServer server = SyncServer.builder(new SqliteStorage(dir)).port(8787).build().start()) { ... }
 * }</pre>
 */
public final class SyncServer implements AutoCloseable {
    private final Builder config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final ExecutorService catchUp;
    private final ExecutorService commits;
    private final ExecutorService fanOut;   // null: the publishing thread writes to every socket itself
    private final SyncService service;
    private Server jetty;
    private ServerConnector connector;

    private SyncServer(Builder b) {
        this.config = b;
        AtomicInteger n = new AtomicInteger();
        this.catchUp = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sync-catch-up-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger c = new AtomicInteger();
        this.commits = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sync-commit-" + c.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger f = new AtomicInteger();
        this.fanOut = b.fanOutThreads == 0 ? null : Executors.newFixedThreadPool(b.fanOutThreads, r -> {
            Thread t = new Thread(r, "sync-fan-out-" + f.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.service = new SyncService(b.storage, b.authorizer, metrics, catchUp, commits);
    }

    public static Builder builder(SyncStorage storage) {
        return new Builder(storage);
    }

    public synchronized SyncServer start() {
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads);
        threads.setName("sync-http");
        jetty = new Server(threads);
        connector = new ServerConnector(jetty);
        connector.setHost(config.host);
        connector.setPort(config.port);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(jetty, context);
        container.setMaxTextMessageSize(2L * SyncService.MAX_FRAME_BYTES);  // up to 2 MB: answered with a failure frame; beyond: closed (1009)
        container.setIdleTimeout(config.idleTimeout);
        AdminHandler admin = new AdminHandler(service, config.adminToken);
        SyncHandler handler = new SyncHandler(service, admin, config.maxQueuedChars, fanOut);
        handler.container(container);
        context.setHandler(handler);
        jetty.setHandler(context);
        jetty.setStopTimeout(config.stopTimeout.toMillis());
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("sync server could not start on " + config.host + ":" + config.port + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The bound port (the real one when built with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code ws://host:port} — what {@code makeWsSync({url})} takes. */
    public URI uri() {
        return URI.create("ws://" + (config.host.contains(":") ? "[" + config.host + "]" : config.host) + ":" + port());
    }

    /** Live pulls registered on a store (tests: a closed socket frees its subscriptions). */
    int liveSubscriptions(String storeId) {
        return service.hub(storeId).subscriberCount();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Stops accepting, lets in-flight requests finish (up to the stop timeout), closes sockets (1001), then the storage. */
    @Override
    public synchronized void close() {
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException("sync server did not stop cleanly: " + e.getMessage(), e);
            } finally {
                jetty = null;
                // no interrupts: an interrupted thread inside SQLite would close the database's file channel
                catchUp.shutdown();
                commits.shutdown();   // queued pushes still commit before the storage closes
                try {
                    commits.awaitTermination(10, TimeUnit.SECONDS);
                    catchUp.awaitTermination(5, TimeUnit.SECONDS);
                    if (fanOut != null) {
                        fanOut.shutdown();
                        fanOut.awaitTermination(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                if (config.closeStorage) config.storage.close();
            }
        }
    }

    public static final class Builder {
        private final SyncStorage storage;
        private String host = "127.0.0.1";
        private int port = 0;
        private Authorizer authorizer = Authorizer.ALLOW_ALL;
        private Optional<String> adminToken = Optional.empty();
        private long maxQueuedChars = 64L << 20;
        private Duration idleTimeout = Duration.ofMinutes(2);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private int maxThreads = 200;
        private int fanOutThreads = 0;
        private boolean closeStorage = true;

        private Builder(SyncStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The address to bind; 127.0.0.1 unless told otherwise. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer);
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on /admin endpoints. */
        public Builder adminToken(String token) {
            this.adminToken = Optional.ofNullable(token);
            return this;
        }

        /** How many characters of frames a socket may have unsent before it is disconnected as too slow. */
        public Builder maxQueuedChars(long chars) {
            this.maxQueuedChars = chars;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        public Builder stopTimeout(Duration d) {
            this.stopTimeout = d;
            return this;
        }

        public Builder maxThreads(int n) {
            this.maxThreads = n;
            return this;
        }

        /**
         * Threads that write published batches to live pulls' sockets, in parallel. Default 0: the thread that
         * committed the batch writes to every socket itself, one after the other (on this project's shared
         * 2-core machine, 2 fan-out threads measured no better: the subscribers' side needs the cores too).
         */
        public Builder fanOutThreads(int n) {
            if (n < 0) throw new IllegalArgumentException("fanOutThreads must be >= 0, got " + n);
            this.fanOutThreads = n;
            return this;
        }

        /** Whether {@link SyncServer#close()} also closes the storage (default true). */
        public Builder closeStorage(boolean close) {
            this.closeStorage = close;
            return this;
        }

        public SyncServer build() {
            return new SyncServer(this);
        }
    }
}
