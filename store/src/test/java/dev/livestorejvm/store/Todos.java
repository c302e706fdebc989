package dev.livestorejvm.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference document's todo schema, in this store's terms. */
final class Todos {
    record TodoCreated(String id, String text) {}

    record TodoCompleted(String id) {}

    record TodoDeleted(String id, Instant deletedAt) {}

    record Todo(String id, String text, boolean completed, Instant deletedAt) {}

    static final Table TODOS = Table.define("todos",
        Column.text("id").primaryKey(),
        Column.text("text").defaultValue(""),
        Column.bool("completed").defaultValue(false),
        Column.datetimeInteger("deletedAt").nullable());

    static final Map<String, Object> UI_DEFAULT = Map.of("newTodoText", "", "filter", "all");

    static final Table UI_STATE = Table.clientDocument("uiState", UI_DEFAULT);

    static final EventDef<TodoCreated> CREATED = EventDef.synced("v1.TodoCreated", TodoCreated.class);
    static final EventDef<TodoCompleted> COMPLETED = EventDef.synced("v1.TodoCompleted", TodoCompleted.class);
    static final EventDef<TodoDeleted> DELETED = EventDef.synced("v1.TodoDeleted", TodoDeleted.class);
    /** Removes the row (a DELETE, where v1.TodoDeleted only marks it). */
    static final EventDef<TodoCompleted> PURGED = EventDef.synced("v1.TodoPurged", TodoCompleted.class);

    static Schema schema() {
        return Schema.builder()
            .table(TODOS)
            .table(UI_STATE)
            .event(CREATED, (a, ctx) -> List.of(TODOS.insert(row("id", a.id(), "text", a.text(), "completed", false))))
            .event(COMPLETED, (a, ctx) -> List.of(TODOS.update(Map.of("completed", true)).where("id", a.id())))
            .event(DELETED, (a, ctx) -> List.of(TODOS.update(Map.of("deletedAt", a.deletedAt())).where("id", a.id())))
            .event(PURGED, (a, ctx) -> List.of(TODOS.delete().where("id", a.id())))
            .build();
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static Select visible() {
        return TODOS.select().where("deletedAt", null).orderBy("id");
    }

    private Todos() {}
}
