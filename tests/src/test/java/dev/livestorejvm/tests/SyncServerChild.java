package dev.livestorejvm.tests;

import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.nio.file.Path;

/** A sync server in its own process (for SyncServerCrashTest): embedded storage in args[0]; prints its port. */
public final class SyncServerChild {
    public static void main(String[] args) throws Exception {
        SyncServer server = SyncServer.builder(new SqliteStorage(Path.of(args[0]))).build().start();
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
