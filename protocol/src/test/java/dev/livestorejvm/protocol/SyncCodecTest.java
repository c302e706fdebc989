package dev.livestorejvm.protocol;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Frames as livestore-0.4.0.md §4.3 shows them on the wire: decoded to records, and encoded back to the same JSON. */
class SyncCodecTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PULL = "{\"_tag\":\"Request\",\"id\":\"0\",\"tag\":\"SyncWsRpc.Pull\",\"traceId\":\"t1\",\"spanId\":\"s1\",\"sampled\":false,\"headers\":[],"
        + "\"payload\":{\"storeId\":\"sync-store\",\"payload\":{\"hint\":\"clientA\"},\"live\":true,"
        + "\"cursor\":{\"_tag\":\"Some\",\"value\":{\"backendId\":\"b-1\",\"eventSequenceNumber\":3}}}}";
    static final String PUSH = "{\"_tag\":\"Request\",\"id\":\"1\",\"tag\":\"SyncWsRpc.Push\",\"traceId\":\"t2\",\"spanId\":\"s2\",\"sampled\":false,\"headers\":[],"
        + "\"payload\":{\"storeId\":\"sync-store\",\"payload\":{\"hint\":\"clientA\"},"
        + "\"batch\":[{\"name\":\"v1.TodoCreated\",\"args\":{\"id\":\"a1\",\"text\":\"x \\\"q\\\" é\",\"n\":[1,2.5,null]},\"seqNum\":1,\"parentSeqNum\":0,\"clientId\":\"clientA\",\"sessionId\":\"s-clientA\"}],"
        + "\"backendId\":{\"_tag\":\"None\"}}}";
    static final String CHUNK = "{\"_tag\":\"Chunk\",\"requestId\":\"0\",\"values\":[{\"batch\":[{\"eventEncoded\":"
        + "{\"name\":\"v1.TodoCreated\",\"args\":{\"id\":\"a1\",\"text\":\"milk\"},\"seqNum\":1,\"parentSeqNum\":0,\"clientId\":\"clientA\",\"sessionId\":\"s-clientA\"},"
        + "\"metadata\":{\"_tag\":\"Some\",\"value\":{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"2026-01-01T00:00:00Z\"}}}],"
        + "\"pageInfo\":{\"_tag\":\"MoreKnown\",\"remaining\":5},\"backendId\":\"b-1\"}]}";
    static final String ACK = "{\"_tag\":\"Exit\",\"requestId\":\"1\",\"exit\":{\"_tag\":\"Success\",\"value\":{}}}";
    static final String AHEAD = "{\"_tag\":\"Exit\",\"requestId\":\"1\",\"exit\":{\"_tag\":\"Failure\",\"cause\":{\"_tag\":\"Fail\",\"error\":"
        + "{\"_tag\":\"ServerAheadError\",\"minimumExpectedNum\":3,\"providedNum\":0}}}}";

    @Test
    void pullRequest() throws Exception {
        ClientFrame.Request r = (ClientFrame.Request) SyncCodec.decodeClient(PULL);
        assertEquals("0", r.id());
        assertEquals(RpcGroup.WS, r.group());
        assertEquals(Optional.of(new ClientFrame.Trace("t1", "s1", false)), r.trace());
        SyncRequest.Pull p = (SyncRequest.Pull) r.payload();
        assertEquals("sync-store", p.storeId());
        assertEquals(Optional.of(new RawJson("{\"hint\":\"clientA\"}")), p.payload());
        assertTrue(p.live());
        assertEquals(Optional.of(new Cursor("b-1", 3)), p.cursor());
        assertSameJson(PULL, SyncCodec.encode(r));
    }

    @Test
    void pushRequestKeepsArgsAsRawJson() throws Exception {
        ClientFrame.Request r = (ClientFrame.Request) SyncCodec.decodeClient(PUSH);
        SyncRequest.Push p = (SyncRequest.Push) r.payload();
        assertEquals(Optional.empty(), p.backendId());
        EncodedEvent e = p.batch().get(0);
        assertEquals(new EncodedEvent("v1.TodoCreated", new RawJson("{\"id\":\"a1\",\"text\":\"x \\\"q\\\" é\",\"n\":[1,2.5,null]}"), 1, 0, "clientA", "s-clientA"), e);
        assertSameJson(PUSH, SyncCodec.encode(r));
    }

    @Test
    void serverFramesRoundTrip() throws Exception {
        ServerFrame.Chunk c = (ServerFrame.Chunk) SyncCodec.decodeServer(CHUNK);
        PullResponse v = c.values().get(0);
        assertEquals(new PageInfo.MoreKnown(5), v.pageInfo());
        assertEquals("b-1", v.backendId());
        assertEquals(Optional.of(SyncMetadata.of("2026-01-01T00:00:00Z")), v.batch().get(0).metadata());
        assertSameJson(CHUNK, SyncCodec.encode(c));
        assertEquals(new ServerFrame.Exit("1", new ExitResult.Success(RawJson.EMPTY_OBJECT)), SyncCodec.decodeServer(ACK));
        assertSameJson(ACK, SyncCodec.encode(SyncCodec.decodeServer(ACK)));
        ServerFrame.Exit x = (ServerFrame.Exit) SyncCodec.decodeServer(AHEAD);
        assertEquals(new ExitResult.Failure(new SyncError.ServerAheadError(3, 0)), x.exit());
        assertSameJson(AHEAD, SyncCodec.encode(x));
        assertSameJson("{\"_tag\":\"Pong\"}", SyncCodec.encode(new ServerFrame.Pong()));
        assertEquals(new ServerFrame.Pong(), SyncCodec.decodeServer("{\"_tag\":\"Pong\"}"));
    }

    @Test
    void errorsAndOtherFrames() throws Exception {
        String mismatch = "{\"_tag\":\"Exit\",\"requestId\":\"4\",\"exit\":{\"_tag\":\"Failure\",\"cause\":{\"_tag\":\"Fail\",\"error\":"
            + "{\"_tag\":\"BackendIdMismatchError\",\"expected\":\"b-2\",\"received\":\"b-1\"}}}}";
        assertEquals(new ExitResult.Failure(new SyncError.BackendIdMismatchError("b-2", "b-1")), ((ServerFrame.Exit) SyncCodec.decodeServer(mismatch)).exit());
        assertSameJson(mismatch, SyncCodec.encode(SyncCodec.decodeServer(mismatch)));
        ServerFrame unknown = new ServerFrame.Exit("5", new ExitResult.Failure(SyncError.UnknownError.of("batch has 101 events")));
        assertSameJson("{\"_tag\":\"Exit\",\"requestId\":\"5\",\"exit\":{\"_tag\":\"Failure\",\"cause\":{\"_tag\":\"Fail\",\"error\":"
            + "{\"_tag\":\"UnknownError\",\"cause\":\"batch has 101 events\",\"note\":\"batch has 101 events\"}}}}", SyncCodec.encode(unknown));
        assertEquals(unknown, SyncCodec.decodeServer(SyncCodec.encode(unknown)));
        assertEquals(new ClientFrame.Ack("0"), SyncCodec.decodeClient("{\"_tag\":\"Ack\",\"requestId\":\"0\"}"));
        assertEquals(new ClientFrame.Interrupt("0"), SyncCodec.decodeClient("{\"_tag\":\"Interrupt\",\"requestId\":\"0\"}"));
        assertEquals(new ClientFrame.Eof(), SyncCodec.decodeClient("{\"_tag\":\"Eof\"}"));
        assertEquals(new ClientFrame.Ping(), SyncCodec.decodeClient("{\"_tag\":\"Ping\"}"));
        assertSameJson("{\"_tag\":\"Interrupt\",\"requestId\":\"0\"}", SyncCodec.encode(new ClientFrame.Interrupt("0")));
        String nonLiveEnd = "{\"_tag\":\"Exit\",\"requestId\":\"0\",\"exit\":{\"_tag\":\"Success\"}}";
        assertEquals(new ServerFrame.Exit("0", ExitResult.Success.VOID), SyncCodec.decodeServer(nonLiveEnd));
        assertSameJson(nonLiveEnd, SyncCodec.encode(new ServerFrame.Exit("0", ExitResult.Success.VOID)));
        String nullEnd = nonLiveEnd.replace("\"Success\"}", "\"Success\",\"value\":null}");
        assertSameJson(nullEnd, SyncCodec.encode(SyncCodec.decodeServer(nullEnd)));
        String defect = "{\"_tag\":\"Defect\",\"defect\":\"bad frame\"}";
        assertEquals(new ServerFrame.Defect(new RawJson("\"bad frame\"")), SyncCodec.decodeServer(defect));
    }

    @Test
    void httpRequestsAndResponseArrays() throws Exception {
        String ping = "{\"_tag\":\"Request\",\"id\":\"7\",\"tag\":\"SyncHttpRpc.Ping\",\"headers\":[[\"x-a\",\"1\"]],\"payload\":{\"storeId\":\"s\"}}";
        ClientFrame.Request r = (ClientFrame.Request) SyncCodec.decodeClient(ping);
        assertEquals(RpcGroup.HTTP, r.group());
        assertEquals(new SyncRequest.Ping("s", Optional.empty()), r.payload());
        assertEquals(List.of(new ClientFrame.Header("x-a", "1")), r.headers());
        String httpPull = "{\"_tag\":\"Request\",\"id\":\"8\",\"tag\":\"SyncHttpRpc.Pull\",\"headers\":[],\"payload\":{\"storeId\":\"s\",\"cursor\":{\"_tag\":\"None\"}}}";
        assertEquals(new SyncRequest.Pull("s", Optional.empty(), Optional.empty(), false), ((ClientFrame.Request) SyncCodec.decodeClient(httpPull)).payload());
        String array = "[" + CHUNK + "," + ACK + "]";
        List<ServerFrame> frames = SyncCodec.decodeServerArray(array);
        assertEquals(2, frames.size());
        assertSameJson(array, SyncCodec.encodeArray(frames));
    }

    @Test
    void chunkFrameFromAnEncodedResponseEqualsTheRecordsEncoding() throws Exception {
        ServerFrame.Chunk c = (ServerFrame.Chunk) SyncCodec.decodeServer(CHUNK);
        assertEquals(SyncCodec.encode(c), SyncCodec.chunkFrame("0", SyncCodec.encodePullResponse(c.values().get(0))));
    }

    @Test
    void decodeErrorsNameTheFrameAndTheField() {
        assertError("client frame is not JSON", "{\"_tag\":");
        assertError("client frame: unknown _tag 'Hello'", "{\"_tag\":\"Hello\"}");
        assertError("client frame: expected a JSON object, got an array", "[1]");
        assertError("Request frame (id 1, SyncWsRpc.Push): payload.batch[0].seqNum: expected an integer, got the string '1'",
            PUSH.replace("\"seqNum\":1", "\"seqNum\":\"1\""));
        assertError("Request frame (id 1, SyncWsRpc.Push): payload.batch[0].sessionId: missing",
            PUSH.replace(",\"sessionId\":\"s-clientA\"", ""));
        assertError("Request frame (id 0, SyncWsRpc.Pull): payload.live: missing", PULL.replace("\"live\":true,", ""));
        assertError("Request frame (id 0, SyncWsRpc.Pull): payload.cursor._tag: expected None or Some, got 'Maybe'", PULL.replace("\"Some\"", "\"Maybe\""));
        assertError("Request frame (id 1, SyncWsRpc.Nap): tag: unknown RPC 'SyncWsRpc.Nap'", PUSH.replace("SyncWsRpc.Push", "SyncWsRpc.Nap"));
        assertError("Request frame (id 1, SyncWsRpc.Push): payload.batch[0].parentSeqNum: expected a non-negative integer, got -1",
            PUSH.replace("\"parentSeqNum\":0", "\"parentSeqNum\":-1"));
    }

    @Test
    void streamingPathDecodesTheEventFramesAsTheTreeReaderDoes() {
        String reordered = "{\"payload\":{\"backendId\":{\"value\":\"b-1\",\"_tag\":\"Some\"},\"batch\":[{\"sessionId\":\"s\",\"clientId\":\"c\","
            + "\"parentSeqNum\":4,\"seqNum\":5,\"args\":[1,{\"a\":\"é\"}],\"name\":\"n\",\"extra\":{\"x\":[1]}}],\"storeId\":\"s\",\"unknown\":7},"
            + "\"tag\":\"SyncWsRpc.Push\",\"id\":\"9\",\"_tag\":\"Request\"}";
        String scalarArgs = PUSH.replace("{\"id\":\"a1\",\"text\":\"x \\\"q\\\" é\",\"n\":[1,2.5,null]}", "\"tab\\there\"");
        for (String frame : List.of(PULL, PUSH, reordered, scalarArgs)) {
            ClientFrame fast = StreamingDecoder.client(frame);
            assertNotNull(fast, frame);
            assertEquals(FrameDecoder.client(FrameDecoder.parse(frame, "t")), fast, frame);
        }
        String nonLiveEnd = "{\"_tag\":\"Exit\",\"requestId\":\"0\",\"exit\":{\"_tag\":\"Success\"}}";
        for (String frame : List.of(CHUNK, ACK, nonLiveEnd, "{\"_tag\":\"Pong\"}", CHUNK.replace("\"MoreKnown\",\"remaining\":5", "\"NoMore\""))) {
            ServerFrame fast = StreamingDecoder.server(frame);
            assertNotNull(fast, frame);
            assertEquals(FrameDecoder.server(FrameDecoder.parse(frame, "t")), fast, frame);
        }
        assertNotNull(StreamingDecoder.serverArray("[" + CHUNK + "," + ACK + "]"));
        // a failure exit, or a frame that is not plainly valid, goes to the tree reader
        assertNull(StreamingDecoder.server(AHEAD));
        assertNull(StreamingDecoder.client(PUSH.replace("\"seqNum\":1", "\"seqNum\":\"1\"")));
        assertNull(StreamingDecoder.client(PUSH + " {}"));
        assertNull(StreamingDecoder.client(PULL.replace("\"live\":true,", "")));
    }

    @Test
    void argsAreKeptAsSentAndStoredItemsSplitWithoutDecoding() {
        String spaced = PUSH.replace("{\"id\":\"a1\",\"text\":\"x \\\"q\\\" é\",\"n\":[1,2.5,null]}", "{ \"id\" : \"a1\" }");
        EncodedEvent e = ((SyncRequest.Push) ((ClientFrame.Request) SyncCodec.decodeClient(spaced)).payload()).batch().get(0);
        assertEquals(new RawJson("{ \"id\" : \"a1\" }"), e.args());
        List<PullEvent> events = ((ServerFrame.Chunk) SyncCodec.decodeServer(CHUNK)).values().get(0).batch();
        EncodedEvent brackets = new EncodedEvent("n", new RawJson("{\"t\":\"}]\\\\\\\"{[\"}"), 2, 1, "c", "s");
        List<PullEvent> two = List.of(events.get(0), new PullEvent(e, Optional.empty()), new PullEvent(brackets, Optional.empty()));
        String stored = SyncCodec.encodePullEvents(two);
        List<String> items = SyncCodec.splitPullItems(stored);
        assertEquals(List.of(SyncCodec.encodePullEvent(two.get(0)), SyncCodec.encodePullEvent(two.get(1)), SyncCodec.encodePullEvent(two.get(2))), items);
        assertEquals(List.of(), SyncCodec.splitPullItems(" [ ] "));
        assertEquals(items, SyncCodec.splitPullItems("[ " + String.join(" ,\n", items) + " ]"));
        assertEquals(two, SyncCodec.decodePullEvents(stored));
        String frame = SyncCodec.chunkFrameOfItems("r\"1", items, new PageInfo.MoreKnown(3), "b-1");
        assertEquals(SyncCodec.encode(new ServerFrame.Chunk("r\"1", List.of(new PullResponse(two, new PageInfo.MoreKnown(3), "b-1")))), frame);
        assertEquals(SyncCodec.encode(new ServerFrame.Chunk("0", List.of(new PullResponse(List.of(), PageInfo.NO_MORE, "b")))),
            SyncCodec.chunkFrameOfItems("0", List.of(), PageInfo.NO_MORE, "b"));
        ProtocolException bad = assertThrows(ProtocolException.class, () -> SyncCodec.splitPullItems("[{\"eventEncoded\":1}"));
        assertTrue(bad.getMessage().startsWith("pull items is not JSON"), bad.getMessage());
    }

    @Test
    void urlQueryDoubleEncodesThePayload() {
        String q = SyncUrl.query("store 1", Optional.of(new RawJson("{\"hint\":\"a b\"}")), "ws");
        assertEquals("storeId=store%201&payload=%257B%2522hint%2522%253A%2522a%2520b%2522%257D&transport=ws", q);
        assertEquals(new RawJson("{\"hint\":\"a b\"}"), SyncUrl.decodePayload("%7B%22hint%22%3A%22a%20b%22%7D"));
    }

    static void assertError(String expectedStart, String frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> SyncCodec.decodeClient(frame));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    static void assertSameJson(String expected, String actual) throws Exception {
        assertEquals(JSON.readTree(expected), JSON.readTree(actual), actual);
        assertEquals(expected, actual, "same field order and spelling as on the wire");
    }
}
