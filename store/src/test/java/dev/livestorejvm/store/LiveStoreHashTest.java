package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LiveStoreHashTest {
    /** The trimmed table JSON of the reference document's todos table, as LiveStore 0.4.0 hashes it. */
    static final String TODOS = "{\"_tag\":\"table\",\"name\":\"todos\",\"columns\":["
        + "{\"_tag\":\"column\",\"name\":\"id\",\"type\":\"text\",\"primaryKey\":true,\"nullable\":false,\"autoIncrement\":false,\"default\":{\"_id\":\"Option\",\"_tag\":\"None\"}},"
        + "{\"_tag\":\"column\",\"name\":\"text\",\"type\":\"text\",\"primaryKey\":false,\"nullable\":false,\"autoIncrement\":false,\"default\":{\"_id\":\"Option\",\"_tag\":\"Some\",\"value\":\"\"}},"
        + "{\"_tag\":\"column\",\"name\":\"completed\",\"type\":\"integer\",\"primaryKey\":false,\"nullable\":false,\"autoIncrement\":false,\"default\":{\"_id\":\"Option\",\"_tag\":\"Some\",\"value\":false}},"
        + "{\"_tag\":\"column\",\"name\":\"deletedAt\",\"type\":\"integer\",\"primaryKey\":false,\"nullable\":true,\"autoIncrement\":false,\"default\":{\"_id\":\"Option\",\"_tag\":\"None\"}}"
        + "],\"indexes\":[]}";

    @Test
    void matchesLiveStoresValueForTheTodosTable() {
        assertEquals(-28966160668L, LiveStoreHash.of(TODOS));
    }

    @Test
    void followsJavaScriptArithmetic() {
        assertEquals(0, LiveStoreHash.of(""));
        assertEquals(97, LiveStoreHash.of("a"));
        assertEquals("ab".hashCode(), LiveStoreHash.of("ab"), "short strings agree with Java's 32-bit hash");
        // past 32 bits the running value keeps its high part: not String.hashCode any more
        String longer = "the quick brown fox jumps over the lazy dog";
        assertNotEquals(longer.hashCode(), LiveStoreHash.of(longer));
        // UTF-16 code units, as charCodeAt: a surrogate pair counts as two
        assertEquals(LiveStoreHash.of("\ud83d\ude00"), LiveStoreHash.of(new String(Character.toChars(0x1F600))));
    }
}
