package dev.livestorejvm.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The query of a sync URL: {@code ?storeId=<id>&payload=<encodeURIComponent(JSON)>&transport=ws|http}.
 * sync-cf encodes the payload twice (Schema.StringFromUriComponent, then URL parameter encoding), so a
 * server that has decoded the query once must decode the payload once more: {@link #decodePayload}.
 */
public final class SyncUrl {
    public static final int MAX_EVENTS_PER_MESSAGE = 100;
    public static final int MAX_MESSAGE_BYTES = 900_000;

    private SyncUrl() {}

    /** The query string (without {@code ?}) a sync-cf client sends. */
    public static String query(String storeId, Optional<RawJson> payload, String transport) {
        StringBuilder q = new StringBuilder("storeId=").append(param(storeId));
        payload.ifPresent(p -> q.append("&payload=").append(param(encodeURIComponent(p.json()))));
        return q.append("&transport=").append(param(transport)).toString();
    }

    /** The payload parameter's value after the query's own decoding, back to JSON text. */
    public static RawJson decodePayload(String onceDecoded) {
        try {
            return new RawJson(URLDecoder.decode(onceDecoded.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("URL parameter payload: not URI-encoded JSON: " + e.getMessage(), e);
        }
    }

    private static String param(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** JavaScript's {@code encodeURIComponent}. */
    static String encodeURIComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!").replace("%27", "'")
            .replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }
}
