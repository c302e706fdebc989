package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes {@code recorded/livestore-0.4.0-http-two-clients.jsonl} (replayed by {@link RecordedHttpReplayTest}):
 * two unmodified LiveStore 0.4.0 clients with sync-cf's {@code makeHttpSync} sync through {@link HttpRecordingProxy}
 * to a fresh server, B's rename refused with ServerAheadError once (A's is held inside the append while B's waits
 * behind it in the proxy), then both converge. Run on purpose only:
 * {@code mvn -pl tests verify -Dtest=HttpFramesRecorder -Drecord.http=true}.
 */
@EnabledIfSystemProperty(named = "record.http", matches = "true")
class HttpFramesRecorder {
    static final Path OUT = Path.of("src", "test", "resources", "recorded", "livestore-0.4.0-http-two-clients.jsonl");

    @TempDir
    Path base;

    @Test
    void record() throws Exception {
        LiveStoreSyncServerTest.installLiveStore();
        LiveStoreSyncServerTest.GatedStorage storage = new LiveStoreSyncServerTest.GatedStorage(new SqliteStorage(base.resolve("server")));
        List<LiveStoreSyncServerTest.NodeClient> clients = new ArrayList<>();
        try (SyncServer server = SyncServer.builder(storage).build().start();
             HttpRecordingProxy proxy = new HttpRecordingProxy(URI.create("http://127.0.0.1:" + server.port()))) {
            String url = "http://127.0.0.1:" + proxy.port();
            LiveStoreSyncServerTest.NodeClient a = new LiveStoreSyncServerTest.NodeClient(url, "http", base.resolve("A"), "rec-http", "A");
            clients.add(a);
            a.command("create a1 milk");
            LiveStoreSyncServerTest.NodeClient b = new LiveStoreSyncServerTest.NodeClient(url, "http", base.resolve("B"), "rec-http", "B");
            clients.add(b);
            LiveStoreSyncServerTest.awaitSameTodos(a, b, 1);
            storage.hold();
            a.command("rename a1 from-A");
            storage.awaitHeld(1);
            b.command("rename a1 from-B");
            Thread.sleep(1500);
            storage.release();
            assertEquals("from-B", LiveStoreSyncServerTest.awaitSameTodos(a, b, 1).get(0).get("text").asText());
            for (LiveStoreSyncServerTest.NodeClient c : clients) c.kill();
            clients.clear();
            List<String> lines = proxy.lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("ServerAheadError")), "the recording holds the refused push");
            Files.writeString(OUT, String.join("\n", lines) + "\n");
        } finally {
            for (LiveStoreSyncServerTest.NodeClient c : clients) c.kill();
        }
    }
}
