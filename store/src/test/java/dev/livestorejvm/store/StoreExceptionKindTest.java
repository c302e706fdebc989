package dev.livestorejvm.store;

import static dev.livestorejvm.store.Todos.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller can tell failures apart by {@link StoreException#kind()}, not only by their messages. */
class StoreExceptionKindTest {
    @TempDir
    Path base;

    record Boom(String id) {}

    static final EventDef<Boom> THROWS = EventDef.synced("v1.Throws", Boom.class);
    static final EventDef<Boom> UNDECLARED = EventDef.synced("v1.Undeclared", Boom.class);

    static Schema schema() {
        return Schema.builder().table(TODOS).table(UI_STATE)
            .event(CREATED, (a, ctx) -> List.of(TODOS.insert(Todos.row("id", a.id(), "text", a.text()))))
            .event(THROWS, (a, ctx) -> {
                throw new IllegalStateException("no " + a.id());
            })
            // declares todos, writes uiState
            .event(UNDECLARED, (a, ctx) -> List.of(Write.sql("INSERT INTO uiState (id, value) VALUES (?, '{}')", Set.of("todos"), a.id())))
            .build();
    }

    StoreException thrown(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(StoreException.class, call);
    }

    @Test
    void eachFailureHasItsKind() {
        StoreOptions options = StoreOptions.builder(schema()).directory(base).build();
        try (Store store = Store.open(options)) {
            assertEquals(StoreException.Kind.UNKNOWN_EVENT, thrown(() -> store.commit(Event.ofJson("v1.Nope", "{}"))).kind());
            assertEquals(StoreException.Kind.MATERIALIZER_FAILED, thrown(() -> store.commit(THROWS.of(new Boom("a")))).kind());
            assertEquals(StoreException.Kind.MATERIALIZER_FAILED, thrown(() -> store.commit(UNDECLARED.of(new Boom("a")))).kind());
            assertEquals(StoreException.Kind.QUERY_FAILED, thrown(() -> store.query(Query.sql("SELECT * FROM nothing_here"))).kind());
            assertEquals(StoreException.Kind.SCHEMA, thrown(() -> TODOS.select().where("nope", 1)).kind());
            assertEquals(StoreException.Kind.BAD_ARGUMENTS, thrown(() -> TODOS.select().where("id", "~", "x")).kind());

            Schema other = Schema.builder().table(TODOS).build();   // another state file: not a second session of this store
            StoreException inUse = thrown(() -> Store.open(StoreOptions.builder(other).directory(base).build()));
            assertEquals(StoreException.Kind.STORE_IN_USE, inUse.kind(), inUse.getMessage());
            assertEquals(SeqNum.ROOT, store.head(), "nothing of the refused calls stayed");
        }
        Store closed = Store.open(options);
        closed.close();
        assertEquals(StoreException.Kind.CLOSED, thrown(() -> closed.commit(CREATED.of(new TodoCreated("a", "x")))).kind());
    }
}
