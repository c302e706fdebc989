package dev.livestorejvm.store.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;

/** Equality of JSON texts as JavaScript values: objects by keys regardless of order, numbers by value. */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** JS has one number type: 1, 1.0 and 1e0 are the same value. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {}

    static boolean equal(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return MAPPER.readTree(a).equals(NUMBERS_BY_VALUE, MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return false; // unparsable arguments only equal themselves, checked above
        }
    }
}
