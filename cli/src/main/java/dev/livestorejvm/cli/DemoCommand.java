package dev.livestorejvm.cli;

import static dev.livestorejvm.cli.TodoSchema.COMPLETED;
import static dev.livestorejvm.cli.TodoSchema.CREATED;
import static dev.livestorejvm.cli.TodoSchema.DELETED;
import static dev.livestorejvm.cli.TodoSchema.SCHEMA;
import static dev.livestorejvm.cli.TodoSchema.TODOS;

import dev.livestorejvm.cli.TodoSchema.Todo;
import dev.livestorejvm.cli.TodoSchema.TodoCreated;
import dev.livestorejvm.cli.TodoSchema.TodoDeleted;
import dev.livestorejvm.cli.TodoSchema.TodoId;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.Subscription;
import dev.livestorejvm.store.SyncOptions;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the event-sourced store on a todo schema (LiveStore's todo example): create,
 * complete and delete todos on a file store, with a live query printing each change. The schema is
 * {@link TodoSchema}.
 */
@Command(name = "demo", description = "Run a todo app on a file store: commit events, watch a live query, print the eventlog.")
final class DemoCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--dir", description = "Base directory of the store (default: ${DEFAULT-VALUE}).", defaultValue = "livestore-demo")
    Path base;

    @Option(names = "--sync", paramLabel = "URL", description = "Sync through a sync-cf server (see `serve`): ws://host:port, or http://host:port.")
    URI sync;

    @Option(names = "--client-id", description = "The client id written into each event (default: ${DEFAULT-VALUE}); give each syncing demo its own.",
        defaultValue = "demo")
    String clientId;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    DemoCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        StoreOptions.Builder options = StoreOptions.builder(SCHEMA).directory(base).storeId("todo").clientId(clientId);
        if (sync != null) {
            SyncOptions.Builder s = "http".equals(sync.getScheme()) || "https".equals(sync.getScheme())
                ? SyncOptions.http(sync) : SyncOptions.webSocket(sync);
            options.sync(s.initialSync(Duration.ofSeconds(10)).build());
        }
        try (Store store = Store.open(options.build())) {
            io.out().println("store " + store.directory() + (store.wasRebuilt() ? " (state built from "
                + store.replayedEvents() + " events)" : ""));
            var visible = TODOS.select().where("deletedAt", null).orderBy("id").as(Todo.class);
            try (Subscription sub = store.subscribe(visible, todos -> io.out().println("  live query: " + describe(todos)))) {
                long n = store.head().global();
                String a = "todo-" + clientId + "-" + (n + 1);   // ids of their own: demos that sync never collide
                String b = "todo-" + clientId + "-" + (n + 2);
                String c = "todo-" + clientId + "-" + (n + 3);
                step(store, "create 3 todos", CREATED.of(new TodoCreated(a, "buy milk")), CREATED.of(new TodoCreated(b, "walk the dog")),
                    CREATED.of(new TodoCreated(c, "write the report")));
                step(store, "complete " + a, COMPLETED.of(new TodoId(a)));
                step(store, "delete " + b, DELETED.of(new TodoDeleted(b, Instant.now())));
                io.out().println("query: open todos = " + store.query(TODOS.select().where("deletedAt", null).where("completed", false).count())
                    + ", all rows = " + store.query(TODOS.select().count()));
            }
            if (sync != null) {
                boolean synced = store.awaitSynced(Duration.ofSeconds(30));
                io.out().println((synced ? "synced: " : "not synced yet: ") + store.syncStatus());
                io.out().println("todos from every client: " + store.query(TODOS.select().count()));
            }
            io.out().println("eventlog: " + store.events().size() + " events, head " + store.head());
        }
        io.out().flush();
        return ExitCodes.OK;
    }

    private void step(Store store, String what, dev.livestorejvm.store.Event... events) {
        io.out().println(what + ":");
        io.out().println("  committed " + store.commit(events));
    }

    private static String describe(List<Todo> todos) {
        return todos.stream().map(t -> (t.completed() ? "[x] " : "[ ] ") + t.text()).collect(Collectors.joining(", ", "{", "}"));
    }
}
