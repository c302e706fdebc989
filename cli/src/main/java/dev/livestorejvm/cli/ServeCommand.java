package dev.livestorejvm.cli;

import dev.livestorejvm.server.Authorizer;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.TokenAuthorizer;
import dev.livestorejvm.server.storage.StorageException;
import dev.livestorejvm.server.storage.StorageFactory;
import dev.livestorejvm.server.storage.SyncStorage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the sync server. Storage by URL: {@code sqlite:DIR} (built in) or any scheme a
 * {@link StorageFactory} on the class path provides (e.g. {@code postgres:...} from server-postgres).
 * SIGTERM/SIGINT stop it cleanly: no new connections, in-flight requests finish, sockets close (1001),
 * then the storage closes.
 */
@Command(name = "serve", description = "Run the LiveStore sync server (sync-cf protocol over WebSocket and HTTP).")
final class ServeCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--port", defaultValue = "8787", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--storage", required = true, description = "sqlite:DIR, or postgres:URL when server-postgres is on the class path.")
    String storage;

    @Option(names = "--tokens", description = "Per-store tokens file ('<storeId> <token>' lines; '*' = every store). Without it every client is allowed.")
    Path tokens;

    @Option(names = "--admin-token", description = "Require 'Authorization: Bearer <token>' on /admin endpoints (default: $LIVESTORE_SYNC_ADMIN_TOKEN).")
    String adminToken = System.getenv("LIVESTORE_SYNC_ADMIN_TOKEN");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    ServeCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        SyncServer server;
        try {
            server = start();
        } catch (StartFailed e) {
            return e.code;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sync-server-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * Opens the storage, starts the server and says where it listens; the training run
     * (TrainingRun) starts it this way too, and closes it itself.
     */
    SyncServer start() throws StartFailed {
        // Jetty's MemoryUtils asks the platform MBean server whether oops are compressed unless told the
        // references per cache line: that loads and starts JMX (~150 classes) in every server start
        System.setProperty(REFERENCES_PER_CACHE_LINE, System.getProperty(REFERENCES_PER_CACHE_LINE, referencesPerCacheLine()));
        Authorizer authorizer;
        SyncStorage store;
        try {
            authorizer = tokens == null ? Authorizer.ALLOW_ALL : TokenAuthorizer.fromFile(tokens);
            store = StorageFactory.forUrl(storage).open(storage);
        } catch (IllegalArgumentException e) {
            io.err().println("Error: " + e.getMessage());
            throw new StartFailed(ExitCodes.USAGE);
        } catch (StorageException | java.io.UncheckedIOException e) {
            io.err().println("Error: cannot open the storage " + withoutPassword(storage) + ": " + e.getMessage());
            throw new StartFailed(ExitCodes.SQL_ERROR);
        }
        SyncServer server = SyncServer.builder(store).host(host).port(port).authorizer(authorizer).adminToken(adminToken).build();
        try {
            server.start();
        } catch (RuntimeException e) {
            store.close();
            io.err().println("Error: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            throw new StartFailed(ExitCodes.SQL_ERROR);
        }
        io.out().println("livestore sync server listening on " + server.uri() + " (storage " + withoutPassword(storage) + ", "
            + (tokens == null ? "no auth" : "tokens from " + tokens) + ")");
        io.out().flush();
        return server;
    }

    /** The start failed; the message is printed, {@link #code} is the exit code. */
    static final class StartFailed extends Exception {
        final int code;

        StartFailed(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    /**
     * What Jetty would compute: its cache line (64 bytes unless set) over the size of an object
     * reference (4 bytes with compressed oops, 8 without; 4, as Jetty, when it cannot be told).
     */
    static String referencesPerCacheLine() {
        int referenceBytes;
        try {
            referenceBytes = Class.forName("sun.misc.Unsafe").getField("ARRAY_OBJECT_INDEX_SCALE").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            referenceBytes = 4;
        }
        return Integer.toString(Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64) / Math.max(1, referenceBytes));
    }

    /** The storage URL for messages: a password in it ({@code user:password@} or {@code password=}) shown as {@code ***}. */
    static String withoutPassword(String url) {
        return url.replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
