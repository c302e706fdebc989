package dev.livestorejvm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in authorizer: per-store tokens. A client presents its token as {@code payload.authToken}
 * (sync-cf's payload, which browsers can send over WebSocket) or as {@code Authorization: Bearer <token>}
 * (the HTTP transport's headers). A store listed with no matching token, or not listed at all, is denied.
 *
 * <p>Tokens file: one {@code <storeId> <token>} per line; {@code *} as the store grants every store;
 * a store may have several tokens; {@code #} starts a comment.
 */
public final class TokenAuthorizer implements Authorizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, List<byte[]>> tokens;

    private TokenAuthorizer(Map<String, List<byte[]>> tokens) {
        this.tokens = tokens;
    }

    public static TokenAuthorizer fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokens file " + file + ": cannot read: " + e, e);
        }
        Map<String, List<byte[]>> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("tokens file " + file + " line " + (i + 1) + ": expected '<storeId> <token>', got " + parts.length + " fields");
            }
            map.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1].getBytes(StandardCharsets.UTF_8));
        }
        if (map.isEmpty()) throw new IllegalArgumentException("tokens file " + file + " grants no store");
        return new TokenAuthorizer(map);
    }

    public static TokenAuthorizer of(Map<String, String> storeToToken) {
        Map<String, List<byte[]>> map = new HashMap<>();
        storeToToken.forEach((s, t) -> map.computeIfAbsent(s, k -> new ArrayList<>()).add(t.getBytes(StandardCharsets.UTF_8)));
        return new TokenAuthorizer(map);
    }

    @Override
    public Decision authorize(Request request) {
        String presented = presentedToken(request);
        if (presented == null) return Decision.deny("no token (send payload {\"authToken\": ...} or 'Authorization: Bearer ...')");
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        for (String key : new String[] {request.storeId(), "*"}) {
            for (byte[] t : tokens.getOrDefault(key, List.of())) {
                if (MessageDigest.isEqual(t, p)) return Decision.allow();
            }
        }
        return Decision.deny("the token does not grant store '" + request.storeId() + "'");
    }

    private static String presentedToken(Request request) {
        if (request.payload().isPresent()) {
            try {
                JsonNode n = JSON.readTree(request.payload().get().json());
                if (n != null && n.path("authToken").isTextual()) return n.get("authToken").asText();
            } catch (IOException ignored) {
                // not JSON: no token there
            }
        }
        for (String h : request.headers().getOrDefault("authorization", List.of())) {
            if (h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).strip();
        }
        return null;
    }
}
