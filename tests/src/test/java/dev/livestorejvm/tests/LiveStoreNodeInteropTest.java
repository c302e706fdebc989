package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livestorejvm.store.Column;
import dev.livestorejvm.store.Event;
import dev.livestorejvm.store.EventDef;
import dev.livestorejvm.store.Schema;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.StoredEvent;
import dev.livestorejvm.store.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java store and LiveStore 0.4.0 (adapter-node, installed with npm into target/) open each
 * other's store directories and answer the same queries. The todo schema is defined on both
 * sides: here and in src/test/node/livestore/todo-store.mjs.
 */
class LiveStoreNodeInteropTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path NODE_DIR = Path.of("target", "livestore-node").toAbsolutePath();

    record Created(String id, String text) {}

    record Id(String id) {}

    record Deleted(String id, Instant deletedAt) {}

    static final Table TODOS = Table.define("todos", Column.text("id").primaryKey(), Column.text("text").defaultValue(""),
        Column.bool("completed").defaultValue(false), Column.datetimeInteger("deletedAt").nullable());
    // the default's keys in todo-store.mjs's order: the stored document (and its changeset) keeps it
    static final Table UI_STATE = Table.clientDocument("uiState", uiDefault()).withSetEventSchemaHash(310891001);
    // LiveStore's event-definition hashes (Effect Schema.hash), copied from the eventlog Node writes
    static final EventDef<Created> CREATED = EventDef.synced("v1.TodoCreated", Created.class).withSchemaHash(-862189082);
    static final EventDef<Id> COMPLETED = EventDef.synced("v1.TodoCompleted", Id.class).withSchemaHash(-795249987);
    static final EventDef<Deleted> DELETED = EventDef.synced("v1.TodoDeleted", Deleted.class).withSchemaHash(763783046);
    static final EventDef<Id> PURGED = EventDef.synced("v1.TodoPurged", Id.class).withSchemaHash(-795249987);

    static final Schema SCHEMA = Schema.builder().table(TODOS).table(UI_STATE)
        .event(CREATED, (a, c) -> List.of(TODOS.insert(Map.of("id", a.id(), "text", a.text(), "completed", false))))
        .event(COMPLETED, (a, c) -> List.of(TODOS.update(Map.of("completed", true)).where("id", a.id())))
        .event(DELETED, (a, c) -> List.of(TODOS.update(Map.of("deletedAt", a.deletedAt())).where("id", a.id())))
        .event(PURGED, (a, c) -> List.of(TODOS.delete().where("id", a.id())))
        .build();

    static Map<String, Object> uiDefault() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("newTodoText", "");
        m.put("filter", "all");
        return m;
    }

    @TempDir
    Path base;

    @BeforeAll
    static void installLiveStore() throws Exception {
        Files.createDirectories(NODE_DIR);
        Path src = Path.of("src", "test", "node", "livestore");
        for (String f : List.of("package.json", "todo-store.mjs")) {
            Files.copy(src.resolve(f), NODE_DIR.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        NodeProcesses.installIfMissing(NODE_DIR, "node_modules/@livestore/adapter-node");
    }

    /** The events of todo-store.mjs's write mode. */
    static void commitTheSameEvents(Store store) {
        store.commit(CREATED.of(new Created("a", "milk")), CREATED.of(new Created("b", "bread")), CREATED.of(new Created("c", "eggs")));
        store.commit(COMPLETED.of(new Id("a")));
        store.commit(DELETED.of(new Deleted("b", Instant.ofEpochMilli(1700000000000L))));
        store.commit(UI_STATE.set(Map.of("newTodoText", "hello")));
        store.commit(PURGED.of(new Id("c")));
    }

    /** The same queries as todo-store.mjs prints, in the same JSON shape. */
    static JsonNode results(Store store) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode todos = out.putArray("todos");
        for (Map<String, Object> r : store.query(TODOS.select().orderBy("id", "asc"))) {
            ObjectNode t = todos.addObject();
            t.put("id", (String) r.get("id"));
            t.put("text", (String) r.get("text"));
            t.put("completed", (Boolean) r.get("completed"));
            if (r.get("deletedAt") == null) t.putNull("deletedAt");
            else t.put("deletedAt", ((Instant) r.get("deletedAt")).toEpochMilli());
        }
        ArrayNode visible = out.putArray("visible");
        for (Map<String, Object> r : store.query(TODOS.select().where("deletedAt", null).orderBy("id", "asc"))) {
            visible.add((String) r.get("id"));
        }
        out.put("completedCount", store.query(TODOS.select().where("completed", true).count()));
        Object doc = store.query(UI_STATE.select().where("id", "default").first())
            .map(r -> r.get("value")).orElse(UI_STATE.documentDefault());
        out.set("ui", JSON.valueToTree(doc));
        try {
            return JSON.readTree(out.toString());   // numbers typed as a parser types them, like Node's output
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Store openJava(String storeId) {
        return Store.open(StoreOptions.builder(SCHEMA).directory(base).storeId(storeId).clientId("java").sessionId("java-s").build());
    }

    @Test
    void aDirectoryWrittenByLiveStoreOpensInJavaWithTheSameResults() throws Exception {
        JsonNode node = node("from-node", "write");
        assertEquals(2, node.get("todos").size(), "sanity: " + node);
        try (Store store = openJava("from-node")) {
            assertFalse(store.wasRebuilt(), "same state hash: Node's state database is used as it is");
            assertEquals(node, results(store));
            assertEquals(7, store.events().size());
            store.commit(CREATED.of(new Created("d", "from java")), COMPLETED.of(new Id("d")));
            assertEquals("e8", store.head().toString(), "Java goes on numbering after Node's events");
        }
        Files.delete(base.resolve("from-node").resolve(SCHEMA.stateFileName()));
        try (Store store = openJava("from-node")) {
            assertTrue(store.wasRebuilt());
            assertEquals(9, store.replayedEvents(), "Java's materializers replay Node's events");
            assertEquals(List.of("a", "d"), store.query(TODOS.select("id").where("completed", true).orderBy("id"))
                .stream().map(r -> r.get("id")).toList());
        }
    }

    @Test
    void aDirectoryWrittenByJavaOpensInLiveStoreWithTheSameResults() throws Exception {
        JsonNode java;
        List<StoredEvent> javaEvents;
        try (Store store = openJava("from-java")) {
            commitTheSameEvents(store);
            java = results(store);
            javaEvents = store.events();
        }
        assertEquals(java, node("from-java", "read"), "Node reads Java's state database");
        // the eventlog rows equal Node's own, but for the client and session ids
        node("from-node", "write");
        try (Store fromNode = openJava("from-node")) {
            List<StoredEvent> nodeEvents = fromNode.events();
            assertEquals(nodeEvents.size(), javaEvents.size());
            for (int i = 0; i < nodeEvents.size(); i++) {
                StoredEvent n = nodeEvents.get(i);
                StoredEvent j = javaEvents.get(i);
                assertEquals(List.of(n.seqNum(), n.parentSeqNum(), n.name(), n.argsJson(), n.schemaHash(), n.syncMetadataJson()),
                    List.of(j.seqNum(), j.parentSeqNum(), j.name(), j.argsJson(), j.schemaHash(), j.syncMetadataJson()));
            }
        }
        // and so are the changesets (the rollback's input): the Java leader writes those of one-insert
        // events without a session, and they must be the bytes LiveStore's leader recorded
        String javaChangesets = changesets("from-java");
        assertEquals(7, javaChangesets.lines().count(), javaChangesets);
        assertEquals(changesets("from-node"), javaChangesets);
        // Node rebuilds its state from Java's eventlog alone
        Files.delete(base.resolve("from-java").resolve(SCHEMA.stateFileName()));
        assertEquals(java, node("from-java", "read"));
    }

    /** {@code __livestore_session_changeset} of a closed store, one line per event, read by the native sqlite3 tool. */
    String changesets(String storeId) throws Exception {
        NativeSqlite.Result r = NativeSqlite.run(base.resolve(storeId).resolve(SCHEMA.stateFileName()),
            "SELECT seqNumGlobal || '.' || seqNumClient || 'r' || seqNumRebaseGeneration || ' ' || ifnull(hex(changeset), 'NULL')"
                + " FROM __livestore_session_changeset ORDER BY seqNumGlobal, seqNumClient, seqNumRebaseGeneration;");
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    JsonNode node(String storeId, String mode) throws Exception {
        String out = NodeProcesses.run(NODE_DIR, 180, "node", "todo-store.mjs", base.toString(), storeId, mode);
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
