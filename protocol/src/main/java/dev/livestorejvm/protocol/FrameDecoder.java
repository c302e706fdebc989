package dev.livestorejvm.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads frames from JSON trees. Every error names the frame (its {@code _tag}, request id and RPC tag
 * when known) and the path of the offending field, so a client or an operator sees what to fix.
 */
final class FrameDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FrameDecoder() {}

    static JsonNode parse(String text, String what) {
        if (text == null) throw new ProtocolException(what + ": no text");
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) throw new ProtocolException(what + ": empty frame");
            return node;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(what + " is not JSON: " + e.getOriginalMessage() + " (starts with " + start(text) + ")", e);
        }
    }

    static String start(String text) {
        String s = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return "'" + s.replace("\n", "\\n") + "'";
    }

    // ---- client frames

    static ClientFrame client(JsonNode node) {
        Fields f = new Fields(node, "client frame");
        String tag = f.string("_tag");
        return switch (tag) {
            case "Request" -> request(node);
            case "Ack" -> new ClientFrame.Ack(new Fields(node, "Ack frame").string("requestId"));
            case "Interrupt" -> new ClientFrame.Interrupt(new Fields(node, "Interrupt frame").string("requestId"));
            case "Eof" -> new ClientFrame.Eof();
            case "Ping" -> new ClientFrame.Ping();
            default -> throw new ProtocolException("client frame: unknown _tag '" + tag + "' (expected Request, Ack, Interrupt, Eof or Ping)");
        };
    }

    private static ClientFrame.Request request(JsonNode node) {
        Fields f = new Fields(node, "Request frame");
        String id = f.string("id");
        String rpcTag = f.string("tag");
        f = new Fields(node, "Request frame (id " + id + ", " + rpcTag + ")");
        int dot = rpcTag.indexOf('.');
        RpcGroup group = null;
        for (RpcGroup g : RpcGroup.values()) if (dot > 0 && g.prefix().equals(rpcTag.substring(0, dot))) group = g;
        if (group == null) throw f.error("tag", "unknown RPC '" + rpcTag + "' (expected SyncWsRpc.Pull|Push or SyncHttpRpc.Pull|Push|Ping)");
        Fields p = f.object("payload");
        String storeId = p.string("storeId");
        Optional<RawJson> payload = p.optionalRaw("payload");
        SyncRequest req = switch (rpcTag.substring(dot + 1)) {
            case "Pull" -> new SyncRequest.Pull(storeId, payload, p.option("cursor", FrameDecoder::cursor),
                group == RpcGroup.WS ? p.bool("live") : p.has("live") && p.bool("live"));
            case "Push" -> new SyncRequest.Push(storeId, payload, p.array("batch", FrameDecoder::event), p.option("backendId", Fields::self).map(v -> v.asString()));
            case "Ping" -> {
                if (group != RpcGroup.HTTP) throw f.error("tag", "unknown RPC '" + rpcTag + "' (WebSocket pings are the bare {\"_tag\":\"Ping\"} frame)");
                yield new SyncRequest.Ping(storeId, payload);
            }
            default -> throw f.error("tag", "unknown RPC '" + rpcTag + "' (expected Pull, Push or Ping)");
        };
        Optional<ClientFrame.Trace> trace = f.has("traceId")
            ? Optional.of(new ClientFrame.Trace(f.string("traceId"), f.string("spanId"), f.has("sampled") && f.bool("sampled")))
            : Optional.empty();
        List<ClientFrame.Header> headers = f.has("headers") ? f.array("headers", h -> {
            if (!h.node.isArray() || h.node.size() != 2 || !h.node.get(0).isTextual() || !h.node.get(1).isTextual()) {
                throw h.error(null, "expected a [name, value] pair of strings");
            }
            return new ClientFrame.Header(h.node.get(0).asText(), h.node.get(1).asText());
        }) : List.of();
        return new ClientFrame.Request(id, group, req, trace, headers);
    }

    static Cursor cursor(Fields c) {
        return new Cursor(c.string("backendId"), c.nonNegativeLong("eventSequenceNumber"));
    }

    static EncodedEvent event(Fields e) {
        return new EncodedEvent(e.string("name"), e.raw("args"), e.nonNegativeLong("seqNum"), e.nonNegativeLong("parentSeqNum"),
            e.string("clientId"), e.string("sessionId"));
    }

    // ---- server frames

    static ServerFrame server(JsonNode node) {
        Fields f = new Fields(node, "server frame");
        String tag = f.string("_tag");
        return switch (tag) {
            case "Chunk" -> {
                Fields c = new Fields(node, "Chunk frame");
                String requestId = c.string("requestId");
                c = new Fields(node, "Chunk frame (request " + requestId + ")");
                yield new ServerFrame.Chunk(requestId, c.array("values", FrameDecoder::pullResponse));
            }
            case "Exit" -> {
                Fields x = new Fields(node, "Exit frame");
                String requestId = x.string("requestId");
                x = new Fields(node, "Exit frame (request " + requestId + ")");
                yield new ServerFrame.Exit(requestId, exit(x.object("exit")));
            }
            case "Pong" -> new ServerFrame.Pong();
            case "Defect" -> new ServerFrame.Defect(f.raw("defect"));
            default -> throw new ProtocolException("server frame: unknown _tag '" + tag + "' (expected Chunk, Exit, Pong or Defect)");
        };
    }

    static PullResponse pullResponse(Fields r) {
        List<PullEvent> batch = r.array("batch", FrameDecoder::pullEvent);
        Fields pi = r.object("pageInfo");
        String piTag = pi.string("_tag");
        PageInfo pageInfo = switch (piTag) {
            case "NoMore" -> PageInfo.NO_MORE;
            case "MoreUnknown" -> PageInfo.MORE_UNKNOWN;
            case "MoreKnown" -> new PageInfo.MoreKnown(pi.nonNegativeLong("remaining"));
            default -> throw pi.error("_tag", "unknown page info '" + piTag + "' (expected NoMore, MoreKnown or MoreUnknown)");
        };
        return new PullResponse(batch, pageInfo, r.string("backendId"));
    }

    static PullEvent pullEvent(Fields b) {
        return new PullEvent(event(b.object("eventEncoded")), b.option("metadata", Fields::self).map(m -> m.rawSelf()));
    }

    static ExitResult exit(Fields x) {
        String tag = x.string("_tag");
        switch (tag) {
            case "Success":
                return new ExitResult.Success(x.optionalRaw("value"));
            case "Failure":
                Fields cause = x.object("cause");
                String causeTag = cause.string("_tag");
                if (causeTag.equals("Fail")) return new ExitResult.Failure(error(cause.object("error")));
                if (causeTag.equals("Die")) return new ExitResult.Die(cause.raw("defect"));
                return new ExitResult.Die(cause.rawSelf());  // Interrupt, Sequential, ...: untyped to this protocol
            default:
                throw x.error("_tag", "unknown exit '" + tag + "' (expected Success or Failure)");
        }
    }

    static SyncError error(Fields e) {
        String tag = e.string("_tag");
        return switch (tag) {
            case "ServerAheadError" -> new SyncError.ServerAheadError(e.nonNegativeLong("minimumExpectedNum"), e.nonNegativeLong("providedNum"));
            case "BackendIdMismatchError" -> new SyncError.BackendIdMismatchError(e.string("expected"), e.string("received"));
            case "UnknownError" -> new SyncError.UnknownError(e.has("cause") ? e.raw("cause") : RawJson.NULL,
                e.has("note") ? Optional.of(e.string("note")) : Optional.empty());
            default -> throw e.error("_tag", "unknown error '" + tag + "' (expected ServerAheadError, BackendIdMismatchError or UnknownError)");
        };
    }

    /** A JSON object being read, with the frame's name and the path to it for error messages. */
    static final class Fields {
        final JsonNode node;
        final String frame;
        final String path;

        Fields(JsonNode node, String frame) {
            this(node, frame, "");
            if (!node.isObject()) throw new ProtocolException(frame + ": expected a JSON object, got " + kind(node));
        }

        private Fields(JsonNode node, String frame, String path) {
            this.node = node;
            this.frame = frame;
            this.path = path;
        }

        static Fields self(Fields f) {
            return f;
        }

        ProtocolException error(String field, String message) {
            String at = field == null ? path : path.isEmpty() ? field : path + "." + field;
            return new ProtocolException(frame + (at.isEmpty() ? "" : ": " + at) + ": " + message);
        }

        boolean has(String field) {
            JsonNode v = node.get(field);
            return v != null;
        }

        private JsonNode required(String field) {
            if (!node.isObject()) throw error(null, "expected an object, got " + kind(node));
            JsonNode v = node.get(field);
            if (v == null) throw error(field, "missing");
            return v;
        }

        String string(String field) {
            JsonNode v = required(field);
            if (!v.isTextual()) throw error(field, "expected a string, got " + kind(v));
            return v.asText();
        }

        String asString() {
            if (!node.isTextual()) throw error(null, "expected a string, got " + kind(node));
            return node.asText();
        }

        boolean bool(String field) {
            JsonNode v = required(field);
            if (!v.isBoolean()) throw error(field, "expected a boolean, got " + kind(v));
            return v.asBoolean();
        }

        long nonNegativeLong(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error(field, "expected an integer, got " + kind(v));
            long n = v.asLong();
            if (n < 0) throw error(field, "expected a non-negative integer, got " + n);
            return n;
        }

        RawJson raw(String field) {
            return new RawJson(required(field).toString());
        }

        RawJson rawSelf() {
            return new RawJson(node.toString());
        }

        Optional<RawJson> optionalRaw(String field) {
            JsonNode v = node.get(field);
            return v == null ? Optional.empty() : Optional.of(new RawJson(v.toString()));
        }

        Fields object(String field) {
            JsonNode v = required(field);
            if (!v.isObject()) throw error(field, "expected an object, got " + kind(v));
            return child(v, field);
        }

        private Fields child(JsonNode v, String field) {
            return new Fields(v, frame, path.isEmpty() ? field : path + "." + field);
        }

        <T> List<T> array(String field, java.util.function.Function<Fields, T> item) {
            JsonNode v = required(field);
            if (!v.isArray()) throw error(field, "expected an array, got " + kind(v));
            List<T> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                Fields ef = child(e, field + "[" + i + "]");
                if (!e.isObject() && !e.isArray()) throw ef.error(null, "expected an object, got " + kind(e));
                out.add(item.apply(ef));
            }
            return out;
        }

        /** Effect's {@code Option}: {@code {"_tag":"None"}} or {@code {"_tag":"Some","value":...}}. */
        <T> Optional<T> option(String field, java.util.function.Function<Fields, T> value) {
            Fields o = object(field);
            String tag = o.string("_tag");
            if (tag.equals("None")) return Optional.empty();
            if (!tag.equals("Some")) throw o.error("_tag", "expected None or Some, got '" + tag + "'");
            JsonNode v = o.required("value");
            return Optional.of(value.apply(o.child(v, "value")));   // the value's reader checks its type
        }
    }

    static String kind(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "the string " + start(v.asText());
        if (v.isNull()) return "null";
        return v.getNodeType().name().toLowerCase() + " " + v;
    }
}
