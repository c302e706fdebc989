package dev.livestorejvm.server.postgres;

import dev.livestorejvm.server.SyncServer;
import java.time.Duration;
import java.util.Properties;

/** A sync-server node as its own process (for the SIGKILL test): PostgreSQL storage at args[0], a free port printed as {@code LISTENING <port>}. */
public final class NodeMain {
    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        SyncServer server = SyncServer.builder(new PostgresStorage(args[0], new Properties(), 8, Duration.ofMillis(500)))
            .port(0).build().start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until killed
    }
}
