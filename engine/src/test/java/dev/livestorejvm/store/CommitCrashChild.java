package dev.livestorejvm.store;

import java.nio.file.Path;

/**
 * Child process of {@link CommitCrashTest}: commits todos to a file store until killed, printing
 * each committed sequence number after its commit returned.
 */
public final class CommitCrashChild {
    private CommitCrashChild() {}

    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        try (Store store = Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("crash").build())) {
            long start = store.head().global();
            for (long i = start + 1; ; i++) {
                // two events per commit, so that a commit writes several pages of both files
                store.commit(Todos.CREATED.of(new Todos.TodoCreated("t" + i, "x".repeat(3000))),
                    Todos.COMPLETED.of(new Todos.TodoCompleted("t" + i)));
                System.out.println("committed " + store.head().global());
                System.out.flush();
            }
        }
    }
}
