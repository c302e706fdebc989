package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.TODOS;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SQL text and binds as LiveStore's query builder writes them (reference document, section 5.2). */
class QueryBuilderTest {
    @Test
    void writesMatchLiveStore() {
        Insert insert = TODOS.insert(Todos.row("id", "x", "text", "t", "completed", false));
        assertEquals("INSERT INTO 'todos' (\"id\", \"text\", \"completed\") VALUES (?, ?, ?)", insert.sql());
        assertEquals(List.of("x", "t", 0L), insert.bindValues());
        assertEquals("INSERT OR REPLACE INTO 'todos' (\"id\", \"text\") VALUES (?, ?)",
            TODOS.insert(Todos.row("id", "x", "text", "t")).onConflictReplace().sql());
        Update update = TODOS.update(Map.of("completed", true)).where("id", "x");
        assertEquals("UPDATE 'todos' SET \"completed\" = ? WHERE \"id\" = ?", update.sql());
        assertEquals(List.of(1L, "x"), update.bindValues());
        assertEquals("DELETE FROM 'todos' WHERE \"id\" = ?", TODOS.delete().where("id", "x").sql());
        for (Write w : List.of(insert, update, TODOS.delete())) assertEquals(Set.of("todos"), w.writeTables());
    }

    @Test
    void onConflictIgnoreAndUpdate() {
        assertEquals("INSERT INTO 'todos' (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING",
            TODOS.insert(Map.of("id", "x")).onConflictIgnore("id").sql());
        Insert up = TODOS.insert(Map.of("id", "x")).onConflictUpdate(List.of("id"), Map.of("text", "again"));
        assertEquals("INSERT INTO 'todos' (\"id\") VALUES (?) ON CONFLICT (\"id\") DO UPDATE SET \"text\" = ?", up.sql());
        assertEquals(List.of("x", "again"), up.bindValues());
    }

    @Test
    void selectsMatchLiveStore() {
        Query<?> first = TODOS.select("id", "text").where("text", "LIKE", "%a%").first();
        assertEquals("SELECT \"id\", \"text\" FROM 'todos' WHERE \"text\" LIKE ? LIMIT ?", first.sql());
        assertEquals(List.of("%a%", 1L), first.bindValues());
        Query<Long> count = TODOS.select().where("completed", false).count();
        assertEquals("SELECT COUNT(*) as count FROM 'todos' WHERE \"completed\" = ?", count.sql());
        assertEquals(List.of(0L), count.bindValues());
        Select s = TODOS.select().where("completed", false).orderBy("id").limit(10);
        assertEquals("SELECT * FROM 'todos' WHERE \"completed\" = ? ORDER BY \"id\" asc LIMIT ?", s.sql());
        assertEquals(Set.of("todos"), s.readTables());
    }

    @Test
    void everyOperator() {
        Instant t = Instant.ofEpochMilli(1700000000123L);
        Select s = TODOS.select().where("id", "!=", "a").where("deletedAt", "<", t).where("deletedAt", ">", t)
            .where("id", "IN", List.of("a", "b")).where("deletedAt", null).where("text", "!=", null)
            .orderBy("text", "desc").orderBy("id").limit(5).offset(10);
        assertEquals("SELECT * FROM 'todos' WHERE \"id\" != ? AND \"deletedAt\" < ? AND \"deletedAt\" > ? AND \"id\" IN (?, ?)"
            + " AND \"deletedAt\" IS NULL AND \"text\" IS NOT NULL ORDER BY \"text\" desc, \"id\" asc LIMIT ? OFFSET ?", s.sql());
        assertEquals(Arrays.asList("a", 1700000000123L, 1700000000123L, "a", "b", 5L, 10L), s.bindValues());
    }

    @Test
    void unknownColumnsAndBadValuesNameTheTable() {
        StoreException e = assertThrows(StoreException.class, () -> TODOS.select().where("nope", 1));
        assertTrue(e.getMessage().contains("todos has no column nope"), e.getMessage());
        e = assertThrows(StoreException.class, () -> TODOS.insert(Map.of("titel", "x")));
        assertTrue(e.getMessage().contains("todos has no column titel"), e.getMessage());
        e = assertThrows(StoreException.class, () -> TODOS.select("id", "bogus"));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
        e = assertThrows(StoreException.class, () -> TODOS.update(Map.of("completed", "yes")).bindValues());
        assertTrue(e.getMessage().contains("todos.completed"), e.getMessage());
        e = assertThrows(StoreException.class, () -> TODOS.select().where("id", "~", "x"));
        assertTrue(e.getMessage().contains("unknown operator"), e.getMessage());
        assertThrows(StoreException.class, () -> TODOS.select().where("id", "IN", "x"));
        assertThrows(StoreException.class, () -> TODOS.select().orderBy("id", "sideways"));
    }
}
