package dev.livestorejvm.benchmarks;

import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import dev.livestorejvm.store.SyncOptions;
import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.InProcessSyncServer;
import dev.livestorejvm.store.sync.SyncBackend;
import dev.livestorejvm.store.synccf.SyncCfBackend;
import dev.livestorejvm.store.synccf.SyncCfOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The backend one phase of {@link SyncMain} syncs through, new for each phase: the store's in-process
 * backend (sync without a network), or the project's {@link SyncServer} on loopback with its embedded
 * SQLite storage, reached over sync-cf's WebSocket protocol.
 */
abstract class SyncBenchBackend implements AutoCloseable {
    static final String STORE = "bench";

    /** The sync options of one client. */
    abstract SyncOptions sync();

    /** A bare connection of another client, to put events into the backend. */
    abstract SyncBackend other();

    static SyncBenchBackend create(String kind) throws Exception {
        return switch (kind) {
            case "inproc" -> new InProc();
            case "ws" -> new Ws();
            default -> throw new IllegalArgumentException("backend " + kind + ": inproc or ws");
        };
    }

    /** Pushes {@code n} events of another client, after {@code head}, in batches of 100; returns the new head. */
    long fill(long head, int n) throws Exception {
        try (SyncBackend other = other()) {
            other.connect().get();
            for (int from = 0; from < n; from += SyncBackend.MAX_PUSH_EVENTS) {
                List<GlobalEvent> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + SyncBackend.MAX_PUSH_EVENTS); i++) {
                    long seq = head + i + 1;
                    batch.add(new GlobalEvent(seq, seq - 1, StoreBenchmark.CREATED.name(), "{\"id\":\"o" + seq + "\",\"text\":\"buy milk\"}",
                        "other", "s-other"));
                }
                other.push(batch, Optional.empty()).get();
            }
        }
        return head + n;
    }

    @Override
    public abstract void close();

    static final class InProc extends SyncBenchBackend {
        final InProcessSyncServer server = new InProcessSyncServer();

        @Override
        SyncOptions sync() {
            return SyncOptions.builder((s, c) -> server.backend(s, c)).build();
        }

        @Override
        SyncBackend other() {
            return server.backend(STORE, "other");
        }

        @Override
        public void close() {
            server.close();
        }
    }

    static final class Ws extends SyncBenchBackend {
        final Path dir;
        final SyncServer server;
        final URI uri;

        Ws() throws Exception {
            dir = StoreBenchmark.tempDir("sync-server-");
            server = SyncServer.builder(new SqliteStorage(dir)).build().start();
            uri = URI.create("ws://127.0.0.1:" + server.port());
        }

        @Override
        SyncOptions sync() {
            return SyncOptions.webSocket(uri).build();
        }

        @Override
        SyncBackend other() {
            return SyncCfBackend.webSocket(SyncCfOptions.builder(uri, STORE).build());
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
