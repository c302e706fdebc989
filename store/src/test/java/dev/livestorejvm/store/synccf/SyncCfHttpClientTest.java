package dev.livestorejvm.store.synccf;

import static dev.livestorejvm.store.synccf.TestEvents.batch;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP transport against the project's sync server on 127.0.0.1. */
class SyncCfHttpClientTest {
    @TempDir
    Path dir;
    SyncServer server;
    final List<SyncCfClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = SyncServer.builder(new SqliteStorage(dir)).build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(SyncCfClient::close);
        if (server != null) server.close();
    }

    SyncCfClient client(String storeId) {
        SyncCfClient c = SyncCfClient.http(SyncCfOptions.builder(server.uri(), storeId).payload(new dev.livestorejvm.protocol.RawJson("{\"authToken\":\"t\"}"))
            .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).ping(Duration.ofMillis(300), Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200)).build());
        clients.add(c);
        return c;
    }

    static PushResult await(CompletableFuture<PushResult> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    @Test
    void pushesAndPullsInChunks() throws Exception {
        SyncCfClient c = client("h");
        Recorder.await("connected (Ping answered)", Duration.ofSeconds(20), c::connected);
        for (List<EncodedEvent> b : PushBatches.split(batch(1, 150, "a"))) assertEquals(PushResult.OK, await(c.push(b, Optional.empty())));
        assertEquals(new PushResult.ServerAhead(150, 0), await(c.push(batch(1, 1, "b"), Optional.empty())));

        Recorder all = new Recorder();
        c.pull(Optional.empty(), false, all, all);
        Recorder.await("complete", Duration.ofSeconds(20), () -> all.completed);
        assertEquals(range(1, 150), all.seqs());
        assertEquals(List.of(new PageInfo.MoreKnown(50), PageInfo.NO_MORE), all.pages.stream().map(PullResponse::pageInfo).collect(Collectors.toList()));
        String backendId = all.pages.get(0).backendId();

        Recorder from = new Recorder();
        c.pull(Optional.of(new Cursor(backendId, 140)), false, from, from);
        Recorder.await("complete", Duration.ofSeconds(20), () -> from.completed);
        assertEquals(range(141, 150), from.seqs());

        assertEquals(new PushResult.BackendIdMismatch(backendId, "wrong"), await(c.push(batch(151, 1, "a"), Optional.of("wrong"))));
        Recorder wrong = new Recorder();
        c.pull(Optional.of(new Cursor("wrong", 1)), false, wrong, wrong);
        Recorder.await("error", Duration.ofSeconds(20), () -> !wrong.errors.isEmpty());
        assertEquals(List.of(new PullError.BackendIdMismatch(backendId, "wrong")), wrong.errors);
    }

    @Test
    void livePullPollsAndSeesAnotherClientsPushAndItsOwn() throws Exception {
        SyncCfClient a = client("poll");
        SyncCfClient b = client("poll");
        Recorder r = new Recorder();
        PullHandle h = a.pull(Optional.empty(), true, r, r);
        Recorder.await("first page", Duration.ofSeconds(20), () -> !r.pages.isEmpty());
        assertEquals(PushResult.OK, await(a.push(batch(1, 2, "a"), Optional.empty())));
        assertEquals(PushResult.OK, await(b.push(batch(3, 2, "b"), Optional.empty())));
        r.awaitSeqs(4);
        Thread.sleep(500);   // more polls: nothing new, nothing repeated
        assertEquals(range(1, 4), r.seqs());
        assertEquals(List.of(), r.errors);
        h.cancel();
        assertFalse(h.isActive());
    }

    @Test
    void aStoppedServerIsOfflineAndTheLivePullResumesFromTheCallersCursor() throws Exception {
        SyncCfClient a = client("down");
        Recorder r = new Recorder();
        a.pull(Optional.empty(), true, r, r);
        assertEquals(PushResult.OK, await(a.push(batch(1, 2, "a"), Optional.empty())));
        r.awaitSeqs(2);
        int port = server.port();
        server.close();
        server = null;
        Recorder.await("disconnected", Duration.ofSeconds(20), () -> !a.connected());
        assertTrue(await(a.push(batch(3, 1, "a"), Optional.empty())) instanceof PushResult.Offline);
        Recorder.await("live pull told", Duration.ofSeconds(20), () -> !r.errors.isEmpty());
        assertFalse(r.errors.get(0).terminal());
        server = SyncServer.builder(new SqliteStorage(dir)).port(port).build().start();
        Recorder.await("connected", Duration.ofSeconds(20), a::connected);
        assertEquals(PushResult.OK, await(a.push(batch(3, 2, "a"), Optional.empty())));
        r.awaitSeqs(4);
        Thread.sleep(300);
        assertEquals(range(1, 4), r.seqs());
        assertTrue(r.resumedFrom.contains(Optional.of(new Cursor(r.pages.get(0).backendId(), 2))), String.valueOf(r.resumedFrom));
    }
}
