package dev.livestorejvm.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hash vectors computed by @livestore/livestore 0.4.0 (SqliteAst.hash and makeState) under Node. */
class SchemaHashTest {
    /** Every column kind, a composite primary key, a real and a json default, a plain and a unique index. */
    static final Table NOTES = Table.define("notes",
        Column.text("owner").primaryKey(), Column.integer("slot").primaryKey(),
        Column.real("score").defaultValue(1.5), Column.blob("data").nullable(),
        Column.json("meta").defaultValue(Map.of("a", 1)), Column.json("tags").nullable(),
        Column.datetime("at").nullable(), Column.bool("flag").defaultValue(true))
        .withIndexes(Index.of("idx_notes_score", "score"), Index.unique("idx_notes_u", "owner", "score"));

    /** The same columns without primary keys, as hashed by Node (which had no composite key there). */
    static final Table NOTES_NO_PK = Table.define("notes",
        Column.text("owner"), Column.integer("slot"),
        Column.real("score").defaultValue(1.5), Column.blob("data").nullable(),
        Column.json("meta").defaultValue(Map.of("a", 1)), Column.json("tags").nullable(),
        Column.datetime("at").nullable(), Column.bool("flag").defaultValue(true))
        .withIndexes(Index.of("idx_notes_score", "score"), Index.unique("idx_notes_u", "owner", "score"));

    @Test
    void tableHashesMatchLiveStore() {
        assertEquals(-28966160668L, Todos.TODOS.hash());
        assertEquals(13674335099L, Todos.UI_STATE.hash());
        assertEquals(110896341622L, NOTES_NO_PK.hash());
        assertNotEquals(NOTES_NO_PK.hash(), NOTES.hash(), "primary key flags are part of the hash");
    }

    @Test
    void systemTableHashesMatchLiveStore() {
        assertEquals(-5396838389L, SystemTables.SCHEMA_META.hash());
        assertEquals(28184022401L, SystemTables.SCHEMA_EVENT_DEFS_META.hash());
        assertEquals(-15966142488L, SystemTables.SESSION_CHANGESET_META.hash());
    }

    @Test
    void stateHashesAndFileNamesMatchLiveStore() {
        Schema todosAndUi = Schema.builder().table(Todos.TODOS).table(Todos.UI_STATE).build();
        assertEquals(-96296379336L, todosAndUi.stateHash());
        assertEquals("state-96296379336@6.db", todosAndUi.stateFileName(), "the file name of the reference document");
        assertEquals(48094136753L, Schema.builder().table(Todos.TODOS).build().stateHash());
        assertEquals(31892445772L, Schema.builder().table(Todos.TODOS).table(NOTES_NO_PK).table(Todos.UI_STATE).build().stateHash());
        assertEquals(Todos.schema().stateHash(), todosAndUi.stateHash(), "events do not change the state hash");
    }

    @Test
    void jsonSchemaHashEntersTheHashOnlyWhenGiven() {
        Table withHash = Table.define("t", Column.text("id").primaryKey(), Column.json("v").jsonSchemaHash(42));
        Table without = Table.define("t", Column.text("id").primaryKey(), Column.json("v"));
        assertTrue(SchemaHash.tableJson(withHash).toString().contains("\"default\":{\"_id\":\"Option\",\"_tag\":\"None\"},\"jsonSchemaHash\":42}"));
        assertNotEquals(without.hash(), withHash.hash());
    }

    @Test
    void columnsAreCheckedWhenATableIsDefined() {
        assertThrows(IllegalArgumentException.class, () -> Table.define("t", Column.text("id").primaryKey().nullable()));
        assertThrows(IllegalArgumentException.class, () -> Table.define("t", Column.text("a"), Column.text("a")));
        StoreException e = assertThrows(StoreException.class, () -> Table.define("t", Column.text("a")).withIndexes(Index.of("i", "b")));
        assertTrue(e.getMessage().contains("t has no column b"), e.getMessage());
        assertEquals(List.of("a"), Table.define("t", Column.text("a")).columnNames());
    }
}
