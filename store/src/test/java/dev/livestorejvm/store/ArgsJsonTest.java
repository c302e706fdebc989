package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Event arguments encode as a JavaScript client's do (numbers, optional fields), so they compare equal after a sync round trip. */
class ArgsJsonTest {
    record Measured(String id, double value, Double boxed, float f) {}

    record Note(String id, Optional<String> text, Optional<Integer> count) {}

    record NullableNote(String id, @JsonSetter(nulls = Nulls.SET) String text) {}

    static final EventDef<Measured> MEASURED = EventDef.synced("v1.Measured", Measured.class);
    static final EventDef<Note> NOTE = EventDef.synced("v1.Note", Note.class);
    static final EventDef<NullableNote> NULLABLE = EventDef.synced("v1.NullableNote", NullableNote.class);

    @Test
    void doublesEncodeAsJavaScriptNumbers() {
        assertEquals("{\"id\":\"a\",\"value\":1,\"boxed\":2.5,\"f\":0.1}", MEASURED.encode(new Measured("a", 1.0, 2.5, 0.1f)));
        assertEquals("{\"id\":\"a\",\"value\":1e+21,\"boxed\":-0.000001,\"f\":0}", MEASURED.encode(new Measured("a", 1e21, -1e-6, -0f)));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("x", 3.0);
        args.put("y", List.of(1.0, 1.5));
        assertEquals("{\"x\":3,\"y\":[1,1.5]}", EventDef.synced("v1.Map", Map.class).encode(args));
    }

    @Test
    void jsNumberFollowsNumberToString() {
        Object[][] table = {
            {1.0, "1"}, {-2.0, "-2"}, {0.5, "0.5"}, {100.0, "100"}, {1e20, "100000000000000000000"},
            {123456789012345680000.0, "123456789012345680000"}, {1e21, "1e+21"}, {1.5e300, "1.5e+300"},
            {1e-7, "1e-7"}, {1.25e-7, "1.25e-7"}, {0.000001, "0.000001"}, {-0.0, "0"}, {0.1 + 0.2, "0.30000000000000004"},
            {9007199254740993.0, "9007199254740992"}, {5e-324, "5e-324"}, {42L, "42"}, {7, "7"},
        };
        for (Object[] row : table) assertEquals(row[1], Values.jsNumber(row[0]), "jsNumber(" + row[0] + ")");
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheEvent() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            StoreException e = assertThrows(StoreException.class, () -> MEASURED.encode(new Measured("a", bad, 1.0, 1f)));
            assertTrue(e.getMessage().contains("v1.Measured") && e.getMessage().contains("JSON has no"), e.getMessage());
        }
    }

    @Test
    void optionalComponentsMayBeAbsentButNotNull() {
        assertEquals("{\"id\":\"a\"}", NOTE.encode(new Note("a", Optional.empty(), Optional.empty())));
        assertEquals("{\"id\":\"a\",\"text\":\"hi\",\"count\":2}", NOTE.encode(new Note("a", Optional.of("hi"), Optional.of(2))));
        assertEquals(new Note("a", Optional.empty(), Optional.of(3)), NOTE.decode("{\"id\":\"a\",\"count\":3}"));
        StoreException isNull = assertThrows(StoreException.class, () -> NOTE.decode("{\"id\":\"a\",\"text\":null}"));
        assertTrue(isNull.getMessage().contains("text"), isNull.getMessage());
        StoreException missing = assertThrows(StoreException.class, () -> NOTE.decode("{\"text\":\"x\"}"));
        assertTrue(missing.getMessage().contains("'id'"), missing.getMessage());
        assertThrows(StoreException.class, () -> NOTE.decode("{\"id\":\"a\",\"count\":\"3\"}"), "a mistyped optional value");
    }

    @Test
    void nullableComponentsMustBePresent() {
        assertEquals(new NullableNote("a", null), NULLABLE.decode("{\"id\":\"a\",\"text\":null}"));
        assertEquals("{\"id\":\"a\",\"text\":null}", NULLABLE.encode(new NullableNote("a", null)));
        assertThrows(StoreException.class, () -> NULLABLE.decode("{\"id\":\"a\"}"), "NullOr: the key is required");
        assertThrows(StoreException.class, () -> MEASURED.decode("{\"id\":\"a\",\"value\":1,\"boxed\":1}"), "a missing primitive");
    }

    @Test
    void jsonColumnsRefuseNaNNamingTheColumn() {
        StoreException e = assertThrows(StoreException.class, () -> Values.encode("t", Column.json("data"), Map.of("x", Double.NaN)));
        assertTrue(e.getMessage().contains("t.data"), e.getMessage());
        assertEquals("{\"x\":1}", Values.encode("t", Column.json("data"), Map.of("x", 1.0)));
    }
}
