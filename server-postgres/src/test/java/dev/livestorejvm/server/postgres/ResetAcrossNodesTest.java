package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.server.SyncServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A store reset through one node ends the live pulls on the other node with BackendIdMismatchError
 * (as a reset on the node itself does), so that no client there goes on with the old backend's log.
 */
class ResetAcrossNodesTest {
    private static final String STORE = "reset";

    @Test
    void aResetOnOneNodeEndsLivePullsOnTheOther() throws Exception {
        String url = PostgresCluster.shared().createDatabase("reset_nodes");
        try (SyncServer nodeA = node(url); SyncServer nodeB = node(url);
             SyncWsClient onB = SyncWsClient.connect(nodeB.uri(), STORE)) {
            onB.livePull();
            assertInstanceOf(ExitResult.Success.class, onB.push(List.of(SyncWsClient.event(1, "b", 1)), Duration.ofSeconds(30)));
            assertTrue(onB.awaitHead(1, Duration.ofSeconds(30)));

            HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + nodeA.port() + "/admin/stores/" + STORE + "/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reset.statusCode(), reset.body());
            try (SyncWsClient onA = SyncWsClient.connect(nodeA.uri(), STORE)) {
                assertInstanceOf(ExitResult.Success.class, onA.push(List.of(SyncWsClient.event(1, "a", 1)), Duration.ofSeconds(30)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (onB.violations().stream().noneMatch(v -> v.contains("BackendIdMismatchError"))) {
                assertTrue(System.nanoTime() < deadline, "node B's live pull was not ended: " + onB.violations() + ", seen " + onB.seen());
                Thread.sleep(50);
            }
            assertEquals(1, onB.seen().size(), "the new backend's event never reached the old pull");
        }
    }

    private static SyncServer node(String url) {
        return SyncServer.builder(new PostgresStorage(url, new Properties(), 4, Duration.ofMillis(500))).port(0).build().start();
    }
}
