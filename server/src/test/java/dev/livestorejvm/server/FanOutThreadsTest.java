package dev.livestorejvm.server;

import static dev.livestorejvm.server.storage.SyncStorageContract.batch;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.ServerFrame;
import dev.livestorejvm.server.storage.SqliteStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live-pull frames written by fan-out threads ({@link SyncServer.Builder#fanOutThreads}) keep the rules the
 * committing thread's own writes keep: every subscriber gets every event once, in admission order, and the
 * pusher's echo of a push arrives before that push's ack.
 */
class FanOutThreadsTest {
    @TempDir
    Path dir;

    @Test
    void pipelinedPushesReachEverySubscriberInOrderAndEachEchoPrecedesItsAck() throws Exception {
        int subscribers = 20;
        int pushes = 60;
        try (SyncServer server = SyncServer.builder(new SqliteStorage(dir)).fanOutThreads(2).build().start()) {
            List<WsTestClient> subs = new ArrayList<>();
            List<String> pulls = new ArrayList<>();
            try {
                for (int i = 0; i < subscribers; i++) {
                    WsTestClient c = WsTestClient.connect(server, "s");
                    subs.add(c);
                    String id = c.pull(Optional.empty(), true);
                    pulls.add(id);
                    assertEquals(List.of(), seqs(c.chunk(id)), "the catch-up's empty chunk");
                }
                WsTestClient pusher = subs.get(0);
                List<String> pushIds = new ArrayList<>();
                for (int k = 1; k <= pushes; k++) pushIds.add(pusher.push(batch(k, 1), Optional.empty()));   // not waiting: they group

                // the pusher: chunks and acks interleaved, each push's ack after the chunk that holds its event
                long echoed = 0;
                Set<String> acked = new HashSet<>();
                while (acked.size() < pushes) {
                    ServerFrame f = pusher.next();
                    if (f instanceof ServerFrame.Chunk ch) {
                        for (long seq : seqs(ch)) assertEquals(++echoed, seq, "the pusher's echo in admission order, once each");
                    } else {
                        ServerFrame.Exit x = assertInstanceOf(ServerFrame.Exit.class, f);
                        assertInstanceOf(ExitResult.Success.class, x.exit(), "push " + x.requestId());
                        int k = pushIds.indexOf(x.requestId()) + 1;
                        assertTrue(k > 0 && acked.add(x.requestId()), "one ack per push: " + x.requestId());
                        assertTrue(echoed >= k, "the ack of push " + k + " came before its echo (echoed through " + echoed + ")");
                    }
                }
                assertEquals(pushes, echoed);
                for (int i = 1; i < subscribers; i++) {
                    long seen = 0;
                    while (seen < pushes) {
                        for (long seq : seqs(subs.get(i).chunk(pulls.get(i)))) assertEquals(++seen, seq, "subscriber " + i);
                    }
                    subs.get(i).assertQuiet(50);
                }
            } finally {
                subs.forEach(WsTestClient::close);
            }
        }
    }

    static List<Long> seqs(ServerFrame.Chunk c) {
        List<Long> out = new ArrayList<>();
        for (PullResponse r : c.values()) for (var e : r.batch()) out.add(e.eventEncoded().seqNum());
        return out;
    }
}
