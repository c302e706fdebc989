package dev.livestorejvm.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Small helpers to write JSON text by hand. */
final class JsonText {
    private JsonText() {}

    static RawJson string(String s) {
        return new RawJson("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"");
    }
}
