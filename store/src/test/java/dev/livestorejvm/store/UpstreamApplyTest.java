package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.sqlite.SqliteRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pulled burst applied to the leader's files: rebase and advance in one transaction each. */
class UpstreamApplyTest {
    static final String META = "{\"_tag\":\"Some\",\"value\":{\"_tag\":\"SyncMessage.SyncMetadata\",\"createdAt\":\"2026-12-01T00:00:00Z\"}}";

    @TempDir
    Path base;

    StoreOptions options() {
        return StoreOptions.builder(Todos.schema()).directory(base).clientId("me").sessionId("s").build();
    }

    static StoredEvent event(long global, long rebaseGeneration, long parent, String id, String clientId) {
        return new StoredEvent(new SeqNum(global, 0, rebaseGeneration), new SeqNum(parent, 0, 0), CREATED.name(),
            "{\"id\":\"" + id + "\",\"text\":\"" + id + "\"}", clientId, "s-" + clientId, CREATED.schemaHash(), StoredEvent.NO_SYNC_METADATA);
    }

    List<String> ids(Store store) {
        return store.query(TODOS.select().orderBy("id")).stream().map(r -> (String) r.get("id")).toList();
    }

    @Test
    void aRebaseUndoesRenumbersAndMovesTheHeadInOneTransaction() {
        try (Store store = Store.open(options())) {
            store.commit(CREATED.of(new TodoCreated("mine1", "mine1")), CREATED.of(new TodoCreated("mine2", "mine2")));
        }
        List<StoredEvent> pending;
        try (SqliteRuntime runtime = SqliteRuntime.create(); LeaderDatabase db = new LeaderDatabase(Boot.open(runtime, options()))) {
            LeaderDatabase.SyncStatusRow before = db.syncStatus();
            assertEquals(0, before.backendHead());
            pending = before.pending();
            assertEquals(2, pending.size());
            // another client pushed e1 and e2 first: ours go to e3 and e4, generation 1
            List<StoredEvent> newEvents = List.of(event(1, 0, 0, "theirs1", "other"), event(2, 0, 1, "theirs2", "other"),
                event(3, 1, 2, "mine1", "me"), event(4, 1, 3, "mine2", "me"));
            LeaderDatabase.UpstreamApplied applied = db.applyUpstream(new UpstreamChange(pending, newEvents, List.of(), 2, "backend-1"),
                Todos.schema());
            assertNotNull(applied.after(), "a rebase hands the sessions a new image");
            assertEquals(new SeqNum(4, 0, 1), applied.after().head());
            assertEquals(4, applied.result().materialized().size());
            LeaderDatabase.SyncStatusRow after = db.syncStatus();
            assertEquals(2, after.backendHead());
            assertEquals("backend-1", after.backendId());
            assertEquals(List.of(new SeqNum(3, 0, 1), new SeqNum(4, 0, 1)), after.pending().stream().map(StoredEvent::seqNum).toList());
            long changesets = db.read(s -> (Long) s.read("SELECT count(*) FROM " + SystemTables.SESSION_CHANGESET, List.of()).values().get(0)[0]);
            assertEquals(3, changesets, "changesets below the backend head are trimmed (e2, e3, e4 keep theirs)");
        }
        try (Store store = Store.open(options())) {
            assertEquals(List.of("mine1", "mine2", "theirs1", "theirs2"), ids(store));
            assertEquals(new SeqNum(4, 0, 1), store.head());
            assertEquals(2, store.syncHead());
        }
        // the state equals a replay of the eventlog
        try (Store store = Store.open(options())) {
            List<Map<String, Object>> live = store.query(TODOS.select().orderBy("id"));
            store.close();
            deleteState();
            try (Store rebuilt = Store.open(options())) {
                assertTrue(rebuilt.wasRebuilt());
                assertEquals(live, rebuilt.query(TODOS.select().orderBy("id")));
            }
        }
    }

    @Test
    void anAdvanceConfirmsAndAppendsAndKeepsUnknownEvents() {
        try (Store store = Store.open(options())) {
            store.commit(CREATED.of(new TodoCreated("mine1", "mine1")));
        }
        try (SqliteRuntime runtime = SqliteRuntime.create(); LeaderDatabase db = new LeaderDatabase(Boot.open(runtime, options()))) {
            StoredEvent unknown = new StoredEvent(new SeqNum(3, 0, 0), new SeqNum(2, 0, 0), "v9.FromTheFuture", "{}", "other", "s",
                123, StoredEvent.NO_SYNC_METADATA);
            StoredEvent undecodable = new StoredEvent(new SeqNum(4, 0, 0), new SeqNum(3, 0, 0), CREATED.name(), "{\"id\":5}", "other", "s",
                CREATED.schemaHash(), StoredEvent.NO_SYNC_METADATA);
            LeaderDatabase.UpstreamApplied applied = db.applyUpstream(new UpstreamChange(List.of(),
                List.of(event(2, 0, 1, "theirs", "other"), unknown, undecodable),
                List.of(new UpstreamChange.Confirmed(new SeqNum(1, 0, 0), META)), 4, "backend-1"), Todos.schema());
            assertNull(applied.after(), "an advance needs no reload: the sessions apply the new events");
            assertEquals(1, applied.result().materialized().size());
            assertEquals(List.of("v9.FromTheFuture", CREATED.name()), applied.result().unknown().stream().map(StoredEvent::name).toList());
            List<StoredEvent> all = db.events();
            assertEquals(4, all.size());
            assertEquals(META, all.get(0).syncMetadataJson());
            assertEquals(StoredEvent.UNKNOWN_SCHEMA_HASH, all.get(2).schemaHash());
            assertEquals(StoredEvent.UNKNOWN_SCHEMA_HASH, all.get(3).schemaHash());
            assertEquals(List.of(), db.syncStatus().pending());
        }
        try (Store store = Store.open(options())) {
            assertEquals(List.of("mine1", "theirs"), ids(store));
        }
    }

    /** Todos.schema() without v1.TodoPurged: the same tables, so the same state file. */
    static Schema withoutPurge() {
        return Schema.builder().table(TODOS).table(UI_STATE)
            .event(CREATED, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id(), "text", a.text(), "completed", false))))
            .event(COMPLETED, (a, ctx) -> List.of(TODOS.update(Map.of("completed", true)).where("id", a.id())))
            .event(DELETED, (a, ctx) -> List.of(TODOS.update(Map.of("deletedAt", a.deletedAt())).where("id", a.id())))
            .build();
    }

    @Test
    void eventsUnknownWhenPulledAreMaterializedOnceASchemaKnowsThem() {
        StoreOptions older = StoreOptions.builder(withoutPurge()).directory(base).clientId("me").sessionId("s").build();
        assertEquals(Todos.schema().stateFileName(), withoutPurge().stateFileName());
        try (SqliteRuntime runtime = SqliteRuntime.create(); LeaderDatabase db = new LeaderDatabase(Boot.open(runtime, older))) {
            StoredEvent purge = new StoredEvent(new SeqNum(3, 0, 0), new SeqNum(2, 0, 0), PURGED.name(), "{\"id\":\"a\"}", "other", "s",
                PURGED.schemaHash(), StoredEvent.NO_SYNC_METADATA);
            StoredEvent undecodable = new StoredEvent(new SeqNum(4, 0, 0), new SeqNum(3, 0, 0), PURGED.name(), "{\"id\":5}", "other", "s",
                PURGED.schemaHash(), StoredEvent.NO_SYNC_METADATA);
            LeaderDatabase.UpstreamApplied applied = db.applyUpstream(new UpstreamChange(List.of(), List.of(event(1, 0, 0, "a", "other"),
                event(2, 0, 1, "b", "other"), purge, undecodable, event(5, 0, 4, "c", "other")), List.of(), 5, "backend-1"), withoutPurge());
            assertEquals(2, applied.result().unknown().size());
        }
        try (Store store = Store.open(older)) {
            assertFalse(store.wasRebuilt());
            assertEquals(List.of("a", "b", "c"), ids(store), "the purge is unknown to this schema: kept, not materialized");
        }
        try (Store store = Store.open(options())) {
            assertTrue(store.wasRebuilt(), "a schema that knows v1.TodoPurged rebuilds the state from the eventlog");
            assertEquals(4, store.replayedEvents(), "e1, e2, the purge e3 and e5; e4 still does not decode");
            assertEquals(List.of("b", "c"), ids(store));
            List<StoredEvent> log = store.events();
            assertEquals(PURGED.schemaHash(), log.get(2).schemaHash(), "materialized now: no longer kept as unknown");
            assertEquals(StoredEvent.UNKNOWN_SCHEMA_HASH, log.get(3).schemaHash(), "still undecodable: still kept as unknown");
            assertEquals(5, store.syncHead());
            store.commit(CREATED.of(new TodoCreated("mine", "after")));
            assertEquals(new SeqNum(6, 0, 0), store.head());
        }
        try (Store store = Store.open(options())) {
            assertFalse(store.wasRebuilt(), "done once: the next boot keeps the state");
            assertEquals(List.of("b", "c", "mine"), ids(store));
            assertEquals(1, store.rollback(1).size(), "the local event after the rebuild still has its changeset");
            assertEquals(List.of("b", "c"), ids(store));
        }
    }

    void deleteState() {
        try {
            Files.delete(base.resolve(options().storeId).resolve(Todos.schema().stateFileName()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
