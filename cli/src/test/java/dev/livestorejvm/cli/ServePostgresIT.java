package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.server.postgres.PostgresCluster;
import dev.livestorejvm.server.postgres.SyncWsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar livestore-jvm.jar serve --storage postgres://...}: the packaged server on a real PostgreSQL syncs a client and stores in the database. */
class ServePostgresIT {
    private static final Path JAR = Path.of(System.getProperty("livestore.cli.jar", "target/livestore-jvm.jar"));

    @Test
    void servePushesIntoPostgres() throws Exception {
        PostgresCluster pg = PostgresCluster.shared();
        String jdbc = pg.createDatabase("serve_it");
        String database = jdbc.substring(jdbc.lastIndexOf('/') + 1, jdbc.indexOf('?'));
        String storage = "postgres://postgres@127.0.0.1:" + pg.port() + "/" + database;
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", JAR.toString(), "serve", "--port", "0", "--storage", storage)
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            URI uri = listeningOn(serve);
            try (SyncWsClient client = SyncWsClient.connect(uri, "todos")) {
                client.livePull();
                ExitResult exit = client.push(List.of(SyncWsClient.event(1, "c1", 0)), Duration.ofSeconds(30));
                assertInstanceOf(ExitResult.Success.class, exit, exit.toString());
                assertTrue(client.awaitHead(1, Duration.ofSeconds(30)), "the push came back on the live pull");
                assertEquals(List.of(SyncWsClient.event(1, "c1", 0)), client.seen());
            }
            try (Connection c = DriverManager.getConnection(jdbc);
                 ResultSet rs = c.createStatement().executeQuery(
                     "SELECT s.head, e.args FROM livestore_sync_stores s JOIN livestore_sync_events e USING (store_id) WHERE store_id = 'todos'")) {
                assertTrue(rs.next(), "the event is in PostgreSQL");
                assertEquals(1, rs.getLong(1));
                assertEquals(SyncWsClient.event(1, "c1", 0).args().json(), rs.getString(2));
            }
        } finally {
            serve.destroy(); // SIGTERM: the clean shutdown
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private static URI listeningOn(Process serve) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    int at = l.indexOf("ws://");
                    if (l.contains("listening on") && at >= 0) {
                        return l.substring(at).split(" ")[0];
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertNotNull(line, "serve printed where it listens");
        return URI.create(line);
    }
}
