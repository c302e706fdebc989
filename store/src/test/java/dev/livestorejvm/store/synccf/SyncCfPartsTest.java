package dev.livestorejvm.store.synccf;

import static dev.livestorejvm.store.synccf.TestEvents.batch;
import static dev.livestorejvm.store.synccf.TestEvents.event;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.protocol.Cursor;
import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PageInfo;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.PullResponse;
import dev.livestorejvm.protocol.RawJson;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client's pure parts: page rules, push limits, URL, backoff. */
class SyncCfPartsTest {
    static PullResponse page(String backendId, long... seqs) {
        List<PullEvent> b = new ArrayList<>();
        for (long s : seqs) b.add(new PullEvent(event(s, "c"), Optional.empty()));
        return new PullResponse(b, PageInfo.NO_MORE, backendId);
    }

    @Test
    void pagesMustChainOntoWhatThePullHasSeen() {
        PageCheck c = new PageCheck(Optional.of(new Cursor("b", 2)));
        assertNull(c.accept(List.of(page("b", 3, 4), page("b"), page("b", 5))));
        assertEquals(5, c.lastSeen());
        assertTrue(c.accept(List.of(page("b", 5))).contains("at or below 5"));
        assertTrue(c.accept(List.of(page("b", 7))).contains("does not chain onto 5"));
        assertTrue(c.accept(List.of(page("b", 6), page("other", 7))).contains("backendId changed"));
        assertEquals(5, c.lastSeen(), "a refused chunk is not recorded, not even its good first page");
        EncodedEvent reparented = new EncodedEvent("v1.X", RawJson.EMPTY_OBJECT, 6, 4, "c", "s");
        assertTrue(c.accept(List.of(new PullResponse(List.of(new PullEvent(reparented, Optional.empty())), PageInfo.NO_MORE, "b"))).contains("parent 4"));
        assertTrue(c.accept(List.of(new PullResponse(List.of(), new PageInfo.MoreKnown(-1), "b"))).contains("negative"));
        assertNull(c.accept(List.of(page("b", 6))));
    }

    @Test
    void aPageOfAnotherBackendThanTheCursorsIsAMismatch() {
        PageCheck c = new PageCheck(Optional.of(new Cursor("b", 0)));
        assertNull(c.mismatch(List.of(page("b"))));
        assertEquals("b", c.mismatch(List.of(page("x"))));
        assertNull(new PageCheck(Optional.empty()).mismatch(List.of(page("x"))), "no cursor: any backend");
    }

    @Test
    void pushesAreSplitAtOneHundredEventsAndNineHundredKilobytes() {
        List<List<EncodedEvent>> parts = PushBatches.split(batch(1, 250, "c"));
        assertEquals(List.of(100, 100, 50), parts.stream().map(List::size).toList());
        List<EncodedEvent> big = new ArrayList<>();
        for (int i = 1; i <= 5; i++) big.add(new EncodedEvent("v1.Big", new RawJson("{\"t\":\"" + "x".repeat(300_000) + "\"}"), i, i - 1, "c", "s"));
        assertEquals(List.of(2, 2, 1), PushBatches.split(big).stream().map(List::size).toList());
        for (List<EncodedEvent> p : PushBatches.split(big)) PushBatches.check(p);
        assertThrows(IllegalArgumentException.class, () -> PushBatches.check(batch(1, 101, "c")));
        assertThrows(IllegalArgumentException.class, () -> PushBatches.check(big));
        assertThrows(IllegalArgumentException.class, () -> PushBatches.check(List.of()));
        EncodedEvent huge = new EncodedEvent("v1.Huge", new RawJson("{\"t\":\"" + "x".repeat(950_000) + "\"}"), 1, 0, "c", "s");
        assertThrows(IllegalArgumentException.class, () -> PushBatches.split(List.of(huge)));
    }

    @Test
    void theUrlCarriesTheStoreAndTheDoublyEncodedPayload() {
        SyncCfOptions o = SyncCfOptions.builder(URI.create("ws://127.0.0.1:8787"), "my store").payload(new RawJson("{\"hint\":\"a b\"}")).build();
        URI ws = o.endpoint("ws");
        assertEquals("ws://127.0.0.1:8787/?storeId=my%20store&payload=%257B%2522hint%2522%253A%2522a%2520b%2522%257D&transport=ws", ws.toString());
        String once = URLDecoder.decode(ws.getRawQuery().split("&")[1].substring("payload=".length()), StandardCharsets.UTF_8);
        assertEquals("{\"hint\":\"a b\"}", URLDecoder.decode(once, StandardCharsets.UTF_8));
        assertTrue(o.endpoint("http").toString().startsWith("http://127.0.0.1:8787/?storeId=my%20store&payload="));
        assertTrue(o.endpoint("http").toString().endsWith("&transport=http"));
        SyncCfOptions secure = SyncCfOptions.builder(URI.create("https://sync.example/path?x=1"), "s").build();
        assertEquals("wss://sync.example/path?x=1&storeId=s&transport=ws", secure.endpoint("ws").toString());
    }

    @Test
    void backoffDoublesFromTheMinimumToTheMaximumWithJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        long[] bases = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (long base : bases) {
            long d = b.nextDelayMillis();
            assertTrue(d >= base / 2 && d <= base, d + " within [" + base / 2 + ", " + base + "]");
        }
        b.reset();
        assertTrue(b.nextDelayMillis() <= 1000);
        Backoff many = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) assertTrue(many.nextDelayMillis() <= 30000, "no overflow past many attempts");
    }

    @Test
    void longFramesAreShortenedInLogs() {
        String f = "a".repeat(1000) + "END";
        String s = FrameText.shorten(f);
        assertTrue(s.length() < 700 && s.startsWith("aaa") && s.endsWith("END") && s.contains("403 characters"), s);
        assertEquals("short", FrameText.shorten("short"));
    }
}
