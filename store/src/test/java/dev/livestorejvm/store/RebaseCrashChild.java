package dev.livestorejvm.store;

import dev.livestorejvm.store.sync.GlobalEvent;
import dev.livestorejvm.store.sync.InProcessSyncBackend;
import dev.livestorejvm.store.sync.InProcessSyncServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Child process of {@link RebaseCrashTest}: a backend in this process holds {@code others} events
 * of another client; the store in {@code base} (with unpushed events of its own) opens with sync
 * and must rebase them onto those. Prints "rebasing" before opening and "synced" once done; the
 * parent kills it somewhere in between.
 */
public final class RebaseCrashChild {
    private RebaseCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int others = Integer.parseInt(args[1]);
        try (InProcessSyncServer server = new InProcessSyncServer()) {
            InProcessSyncBackend other = server.backend("crash", "other");
            other.connect().get();
            for (int from = 0; from < others; from += 100) {
                List<GlobalEvent> batch = new ArrayList<>();
                for (int i = from; i < Math.min(others, from + 100); i++) {
                    batch.add(new GlobalEvent(i + 1, i, Todos.CREATED.name(), "{\"id\":\"o" + i + "\",\"text\":\"" + "y".repeat(500) + "\"}",
                        "other", "s-other"));
                }
                other.push(batch, Optional.empty()).get();
            }
            System.out.println("rebasing");
            System.out.flush();
            try (Store store = Store.open(RebaseCrashTest.options(base)
                    .sync(SyncOptions.builder((s, c) -> server.backend(s, c)).build()).build())) {
                if (!store.awaitSynced(java.time.Duration.ofSeconds(60))) throw new IllegalStateException("not synced: " + store.syncStatus());
                System.out.println("synced");
                System.out.flush();
            }
        }
    }
}
