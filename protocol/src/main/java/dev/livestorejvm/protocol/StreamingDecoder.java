package dev.livestorejvm.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fast path of decoding the frames that carry events (push requests, pull chunks, their exits): one
 * pass of Jackson's streaming parser, no tree; raw JSON values (args, payloads, metadata) are cut out of
 * the text as they were sent. It answers null as soon as a frame is not plainly valid, and
 * {@link SyncCodec} then decodes with the tree reader ({@link FrameDecoder}), whose errors name the frame
 * and the field: both paths accept the same frames, and only the slow one words errors. Over 300 lines
 * because each frame shape needs its own small reader; they share the value helpers at the end.
 */
final class StreamingDecoder {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** "Not plainly valid": thrown from deep inside, turned into null at the entry points. */
    private static final class Bail extends RuntimeException {
        Bail() {
            super(null, null, false, false);
        }
    }

    private static final Bail BAIL = new Bail();

    private StreamingDecoder() {}

    /** A client frame, or null (then use the tree reader). Only {@code Request} frames are decoded here. */
    static ClientFrame client(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            ClientFrame f = request(p, text);
            return p.nextToken() == null ? f : null;
        } catch (IOException | RuntimeException e) {
            return null;   // Bail, a parse error or a record's null check: the tree reader decides and words it
        }
    }

    /** A server frame, or null. {@code Chunk}, {@code Exit} with success and {@code Pong} are decoded here. */
    static ServerFrame server(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            ServerFrame f = server(p, text);
            return p.nextToken() == null ? f : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** An HTTP response's array of server frames, or null. */
    static List<ServerFrame> serverArray(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) return null;
            List<ServerFrame> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expect(p, JsonToken.START_OBJECT);
                out.add(server(p, text));
            }
            return p.nextToken() == null ? out : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A JSON array of pull items {@code [{eventEncoded, metadata}, ...]}, or null. */
    static List<PullEvent> pullEvents(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) return null;
            List<PullEvent> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) out.add(pullEvent(p, text));
            return p.nextToken() == null ? out : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- client

    private static ClientFrame request(JsonParser p, String text) throws IOException {
        String tag = null, id = null, rpc = null, traceId = null, spanId = null;
        boolean sampled = false;
        Payload payload = null;
        List<ClientFrame.Header> headers = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "_tag" -> tag = string(p, v);
                case "id" -> id = string(p, v);
                case "tag" -> rpc = string(p, v);
                case "traceId" -> traceId = string(p, v);
                case "spanId" -> spanId = string(p, v);
                case "sampled" -> sampled = bool(v);
                case "headers" -> headers = headers(p, v);
                case "payload" -> payload = payload(p, v, text);
                default -> p.skipChildren();
            }
        }
        if (!"Request".equals(tag) || id == null || rpc == null || payload == null || payload.storeId == null) throw BAIL;
        if (traceId != null && spanId == null) throw BAIL;
        RpcGroup group = rpc.startsWith("SyncWsRpc.") ? RpcGroup.WS : rpc.startsWith("SyncHttpRpc.") ? RpcGroup.HTTP : null;
        if (group == null) throw BAIL;
        SyncRequest req = switch (rpc.substring(group.prefix().length() + 1)) {
            case "Pull" -> {
                if (payload.cursor == null || (group == RpcGroup.WS && payload.live == null)) throw BAIL;
                yield new SyncRequest.Pull(payload.storeId, payload.payload, payload.cursor, payload.live != null && payload.live);
            }
            case "Push" -> {
                if (payload.batch == null || payload.backendId == null) throw BAIL;
                yield new SyncRequest.Push(payload.storeId, payload.payload, payload.batch, payload.backendId);
            }
            case "Ping" -> {
                if (group != RpcGroup.HTTP) throw BAIL;
                yield new SyncRequest.Ping(payload.storeId, payload.payload);
            }
            default -> throw BAIL;
        };
        Optional<ClientFrame.Trace> trace = traceId == null ? Optional.empty() : Optional.of(new ClientFrame.Trace(traceId, spanId, sampled));
        return new ClientFrame.Request(id, group, req, trace, headers);
    }

    /** The request payload's fields, whatever the RPC (its tag may come after it). */
    private static final class Payload {
        String storeId;
        Optional<RawJson> payload = Optional.empty();
        Boolean live;
        Optional<Cursor> cursor;
        List<EncodedEvent> batch;
        Optional<String> backendId;
    }

    private static Payload payload(JsonParser p, JsonToken v, String text) throws IOException {
        if (v != JsonToken.START_OBJECT) throw BAIL;
        Payload out = new Payload();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "storeId" -> out.storeId = string(p, t);
                case "payload" -> out.payload = Optional.of(raw(p, text));
                case "live" -> out.live = bool(t);
                case "cursor" -> out.cursor = option(p, t, () -> cursor(p));
                case "batch" -> {
                    expect(p, JsonToken.START_ARRAY);
                    List<EncodedEvent> batch = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) batch.add(event(p, text));
                    out.batch = batch;
                }
                case "backendId" -> out.backendId = option(p, t, () -> string(p, p.currentToken()));
                default -> p.skipChildren();
            }
        }
        return out;
    }

    private static Cursor cursor(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        String backendId = null;
        long seq = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "backendId" -> backendId = string(p, t);
                case "eventSequenceNumber" -> seq = nonNegativeLong(p, t);
                default -> p.skipChildren();
            }
        }
        if (backendId == null || seq < 0) throw BAIL;
        return new Cursor(backendId, seq);
    }

    private static List<ClientFrame.Header> headers(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) throw BAIL;
        List<ClientFrame.Header> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_ARRAY);
            String name = string(p, p.nextToken());
            String value = string(p, p.nextToken());
            if (p.nextToken() != JsonToken.END_ARRAY) throw BAIL;
            out.add(new ClientFrame.Header(name, value));
        }
        return out;
    }

    static EncodedEvent event(JsonParser p, String text) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        String name = null, clientId = null, sessionId = null;
        RawJson args = null;
        long seq = -1, parent = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "name" -> name = string(p, t);
                case "args" -> args = raw(p, text);
                case "seqNum" -> seq = nonNegativeLong(p, t);
                case "parentSeqNum" -> parent = nonNegativeLong(p, t);
                case "clientId" -> clientId = string(p, t);
                case "sessionId" -> sessionId = string(p, t);
                default -> p.skipChildren();
            }
        }
        if (seq < 0 || parent < 0) throw BAIL;
        return new EncodedEvent(name, args, seq, parent, clientId, sessionId);   // a missing field: its null check throws
    }

    // ---- server

    private static ServerFrame server(JsonParser p, String text) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("_tag")) throw BAIL;   // sync-cf peers write _tag first
        String tag = string(p, p.nextToken());
        String requestId = null;
        List<PullResponse> values = null;
        Optional<RawJson> exitValue = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "requestId" -> requestId = string(p, t);
                case "values" -> {
                    if (t != JsonToken.START_ARRAY) throw BAIL;
                    values = new ArrayList<>(1);
                    while (p.nextToken() != JsonToken.END_ARRAY) values.add(pullResponse(p, text));
                }
                case "exit" -> exitValue = successExit(p, t, text);
                default -> p.skipChildren();
            }
        }
        return switch (tag) {
            case "Chunk" -> {
                if (requestId == null || values == null) throw BAIL;
                yield new ServerFrame.Chunk(requestId, values);
            }
            case "Exit" -> {
                if (requestId == null || exitValue == null) throw BAIL;
                yield new ServerFrame.Exit(requestId, new ExitResult.Success(exitValue));
            }
            case "Pong" -> new ServerFrame.Pong();
            default -> throw BAIL;
        };
    }

    /** A successful exit's value (empty: void); a failure goes to the tree reader. */
    private static Optional<RawJson> successExit(JsonParser p, JsonToken t, String text) throws IOException {
        if (t != JsonToken.START_OBJECT) throw BAIL;
        String tag = null;
        Optional<RawJson> value = Optional.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "_tag" -> tag = string(p, v);
                case "value" -> value = Optional.of(raw(p, text));
                default -> p.skipChildren();
            }
        }
        if (!"Success".equals(tag)) throw BAIL;
        return value;
    }

    private static PullResponse pullResponse(JsonParser p, String text) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        List<PullEvent> batch = null;
        PageInfo pageInfo = null;
        String backendId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "batch" -> {
                    if (t != JsonToken.START_ARRAY) throw BAIL;
                    batch = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) batch.add(pullEvent(p, text));
                }
                case "pageInfo" -> pageInfo = pageInfo(p, t);
                case "backendId" -> backendId = string(p, t);
                default -> p.skipChildren();
            }
        }
        if (batch == null || pageInfo == null || backendId == null) throw BAIL;
        return new PullResponse(batch, pageInfo, backendId);
    }

    private static PullEvent pullEvent(JsonParser p, String text) throws IOException {
        expect(p, JsonToken.START_OBJECT);
        EncodedEvent event = null;
        Optional<RawJson> metadata = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "eventEncoded" -> event = event(p, text);
                case "metadata" -> metadata = option(p, t, () -> raw(p, text));
                default -> p.skipChildren();
            }
        }
        if (event == null || metadata == null) throw BAIL;
        return new PullEvent(event, metadata);
    }

    private static PageInfo pageInfo(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) throw BAIL;
        String tag = null;
        long remaining = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "_tag" -> tag = string(p, v);
                case "remaining" -> remaining = nonNegativeLong(p, v);
                default -> p.skipChildren();
            }
        }
        if (tag == null) throw BAIL;
        return switch (tag) {
            case "NoMore" -> PageInfo.NO_MORE;
            case "MoreUnknown" -> PageInfo.MORE_UNKNOWN;
            case "MoreKnown" -> {
                if (remaining < 0) throw BAIL;
                yield new PageInfo.MoreKnown(remaining);
            }
            default -> throw BAIL;
        };
    }

    // ---- values

    interface ValueReader<T> {
        T read() throws IOException;
    }

    /** Effect's {@code Option}: {@code {"_tag":"None"}} or {@code {"_tag":"Some","value":...}}; {@code value} is read at its first token. */
    private static <T> Optional<T> option(JsonParser p, JsonToken t, ValueReader<T> value) throws IOException {
        if (t != JsonToken.START_OBJECT) throw BAIL;
        String tag = null;
        T v = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "_tag" -> tag = string(p, p.currentToken());
                case "value" -> v = value.read();
                default -> p.skipChildren();
            }
        }
        if ("None".equals(tag)) return Optional.empty();
        if (!"Some".equals(tag) || v == null) throw BAIL;
        return Optional.of(v);
    }

    /** The current value as its JSON text: containers cut out of the frame as sent, scalars written back. */
    private static RawJson raw(JsonParser p, String text) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT, START_ARRAY -> {
                long start = p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                long end = p.currentLocation().getCharOffset();
                if (start < 0 || end > text.length() || end <= start) throw BAIL;
                return new RawJson(text.substring((int) start, (int) end));
            }
            case VALUE_STRING -> {
                return JsonText.string(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new RawJson(p.getText());
            }
            case VALUE_TRUE -> {
                return new RawJson("true");
            }
            case VALUE_FALSE -> {
                return new RawJson("false");
            }
            case VALUE_NULL -> {
                return RawJson.NULL;
            }
            default -> throw BAIL;
        }
    }

    private static void expect(JsonParser p, JsonToken t) {
        if (p.currentToken() != t) throw BAIL;
    }

    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) throw BAIL;
        return p.getText();
    }

    private static boolean bool(JsonToken t) {
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE) return false;
        throw BAIL;
    }

    private static long nonNegativeLong(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) throw BAIL;
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) throw BAIL;
        long n = p.getLongValue();
        if (n < 0) throw BAIL;
        return n;
    }
}
