package dev.livestorejvm.cli;

import dev.livestorejvm.store.Column;
import dev.livestorejvm.store.EventDef;
import dev.livestorejvm.store.Schema;
import dev.livestorejvm.store.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The demo's todo schema (LiveStore's todo example). A class of its own so that building it, and
 * loading the store and Jackson with it (~200 ms), happens only when {@code demo} runs, not when
 * picocli registers the command for every other command line.
 */
final class TodoSchema {
    private TodoSchema() {}

    record TodoCreated(String id, String text) {}

    record TodoId(String id) {}

    record TodoDeleted(String id, Instant deletedAt) {}

    record Todo(String id, String text, boolean completed) {}

    static final Table TODOS = Table.define("todos", Column.text("id").primaryKey(), Column.text("text").defaultValue(""),
        Column.bool("completed").defaultValue(false), Column.datetimeInteger("deletedAt").nullable());
    static final EventDef<TodoCreated> CREATED = EventDef.synced("v1.TodoCreated", TodoCreated.class);
    static final EventDef<TodoId> COMPLETED = EventDef.synced("v1.TodoCompleted", TodoId.class);
    static final EventDef<TodoDeleted> DELETED = EventDef.synced("v1.TodoDeleted", TodoDeleted.class);

    static final Schema SCHEMA = Schema.builder().table(TODOS)
        .event(CREATED, (a, c) -> List.of(TODOS.insert(Map.of("id", a.id(), "text", a.text(), "completed", false))))
        .event(COMPLETED, (a, c) -> List.of(TODOS.update(Map.of("completed", true)).where("id", a.id())))
        .event(DELETED, (a, c) -> List.of(TODOS.update(Map.of("deletedAt", a.deletedAt())).where("id", a.id())))
        .build();
}
