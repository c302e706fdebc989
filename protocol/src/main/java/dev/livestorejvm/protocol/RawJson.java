package dev.livestorejvm.protocol;

import java.util.Objects;

/**
 * A JSON value kept as its text: event args, client payloads, sync metadata. The server stores and
 * forwards these without knowing any schema; the codec checks only that the text is one JSON value
 * when it decodes a frame.
 */
public record RawJson(String json) {
    public static final RawJson NULL = new RawJson("null");
    public static final RawJson EMPTY_OBJECT = new RawJson("{}");

    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
