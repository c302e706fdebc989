package dev.livestorejvm.store;

import java.nio.file.Path;

/**
 * Child process of {@link CommitCrashTest}: commits todos to a file store until killed, printing
 * the head each time it is known to be persisted: after every commit with {@code sync}, else after
 * a flush every few commits (so that the leader persists several commits per transaction).
 */
public final class CommitCrashChild {
    private CommitCrashChild() {}

    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        boolean sync = args.length > 1 && args[1].equals("sync");
        try (Store store = Store.open(StoreOptions.builder(Todos.schema()).directory(base).storeId("crash")
                .synchronousCommits(sync).build())) {
            long start = store.head().global();
            for (long i = start + 1; ; i++) {
                // two events per commit, so that a commit writes several pages of both files
                store.commit(Todos.CREATED.of(new Todos.TodoCreated("t" + i, "x".repeat(3000))),
                    Todos.COMPLETED.of(new Todos.TodoCompleted("t" + i)));
                if (sync || i % 5 == 0) {
                    if (!sync) store.flush();
                    System.out.println("committed " + store.head().global());
                    System.out.flush();
                }
            }
        }
    }
}
