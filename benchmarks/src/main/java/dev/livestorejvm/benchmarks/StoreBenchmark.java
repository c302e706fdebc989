package dev.livestorejvm.benchmarks;

import dev.livestorejvm.store.Column;
import dev.livestorejvm.store.Event;
import dev.livestorejvm.store.EventDef;
import dev.livestorejvm.store.Query;
import dev.livestorejvm.store.Schema;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.Subscription;
import dev.livestorejvm.store.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event-sourced store on LiveStore's todo schema, committing {@code v1.TodoCreated}:
 * <ul>
 * <li>{@code commit}: single-event commits, {@value #COMMITS_PER_FLUSH} of them then a flush (so the
 *     score includes getting them on disk: on a file store the leader's group commit with real
 *     fsyncs); the score is the time of one event.</li>
 * <li>{@code commitBatch}: one commit of {@value #BATCH} events, then a flush; score per event.</li>
 * <li>{@code query}: a point query by primary key on the session's replica (statement cached).</li>
 * <li>{@code commitToCallback}: a single-event commit with a live query on its table; the callback
 *     runs before commit returns, so the score bounds the commit-to-callback latency.</li>
 * <li>{@code commitToOtherSession}: the same, until another session's live query has seen it
 *     (the leader persists it first, then passes it on).</li>
 * <li>{@code -p synchronous=true}: every commit waits for its own transaction (no group commit), for
 *     comparison.</li>
 * <li>{@code boot}: opening a store of {@code events} events and closing it; {@code rebuild}: the
 *     same with the state file deleted first, so all events are replayed.</li>
 * </ul>
 * Directories go under {@code target/store-benchmark} (a real disk, for the fsyncs to count).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StoreBenchmark {
    public record TodoCreated(String id, String text) {}

    static final Table TODOS = Table.define("todos", Column.text("id").primaryKey(), Column.text("text").defaultValue(""),
        Column.bool("completed").defaultValue(false), Column.datetimeInteger("deletedAt").nullable());
    static final EventDef<TodoCreated> CREATED = EventDef.synced("v1.TodoCreated", TodoCreated.class);
    static final Schema SCHEMA = Schema.builder().table(TODOS)
        .event(CREATED, (a, c) -> List.of(TODOS.insert(row("id", a.id(), "text", a.text(), "completed", false))))
        .build();

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** Single-event commits per flush in {@code commit} (JMH needs the operation count as a constant). */
    static final int COMMITS_PER_FLUSH = 1000;
    /** Events per commit in {@code commitBatch}. */
    static final int BATCH = 100;

    static final Path ROOT = Path.of("target/store-benchmark");

    static StoreOptions options(Path base, boolean inMemory) {
        return options(base, inMemory, false, "s1");
    }

    static StoreOptions options(Path base, boolean inMemory, boolean synchronous, String session) {
        StoreOptions.Builder b = StoreOptions.builder(SCHEMA).storeId("todo").clientId("bench").sessionId(session)
            .synchronousCommits(synchronous);
        return (inMemory ? b.inMemory() : b.directory(base)).build();
    }

    static Path tempDir(String prefix) throws IOException {
        Files.createDirectories(ROOT);
        return Files.createTempDirectory(ROOT, prefix);
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** An open store (file or memory) for commits and queries. */
    @State(Scope.Benchmark)
    public static class Open {
        @Param({"file", "memory"})
        public String storage;

        /** {@code true}: every commit waits for its own transaction to be on disk (no group commit). */
        @Param({"false"})
        public boolean synchronous;

        Path dir;
        StoreOptions options;
        Store store;
        long next;
        Query<Optional<Map<String, Object>>> byId;
        long seen;
        Subscription subscription;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = tempDir("store-");
            options = options(dir, storage.equals("memory"), synchronous, "s1");
            store = Store.open(options);
            for (int i = 0; i < 100; i++) store.commit(created());
            store.flush();
            byId = TODOS.select().where("id", "todo-50").first();
        }

        Event created() {
            long n = ++next;
            return CREATED.of(new TodoCreated("todo-" + n, "buy milk " + n));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            store.close();
            delete(dir);
        }
    }

    /** The newest rowid of the todos: a result that changes with every commit at a cost that does not grow. */
    static final Query<List<Map<String, Object>>> NEWEST = Query.sql("SELECT max(rowid) AS n FROM todos");

    static long newest(List<Map<String, Object>> rows) {
        return (Long) rows.get(0).get("n");
    }

    /** Same, with a live query on the todos. */
    @State(Scope.Benchmark)
    public static class Subscribed extends Open {
        @Setup(Level.Trial)
        public void subscribe() {
            subscription = store.subscribe(NEWEST, rows -> seen = newest(rows));
        }
    }

    /** A second session of the same store, with a live query on the todos that the first session writes. */
    @State(Scope.Benchmark)
    public static class TwoSessions extends Open {
        Store other;
        final Object seenLock = new Object();
        long otherSeen;

        @Setup(Level.Trial)
        public void openOther() {
            other = Store.open(storage.equals("memory") ? options : options(dir, false, synchronous, "s2"));
            other.subscribe(NEWEST, rows -> {
                synchronized (seenLock) {
                    otherSeen = newest(rows);
                    seenLock.notifyAll();
                }
            });
        }

        @TearDown(Level.Trial)
        public void closeOther() {
            other.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMITS_PER_FLUSH)
    public long commit(Open s) {
        for (int i = 0; i < COMMITS_PER_FLUSH; i++) s.store.commit(s.created());
        s.store.flush();
        return s.next;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long commitBatch(Open s) {
        Event[] events = new Event[BATCH];
        for (int i = 0; i < events.length; i++) events[i] = s.created();
        s.store.commit(events);
        s.store.flush();
        return s.next;
    }

    @Benchmark
    public Optional<Map<String, Object>> query(Open s) {
        return s.store.query(s.byId);
    }

    @Benchmark
    public long commitToCallback(Subscribed s) {
        s.store.commit(s.created());
        return s.seen;
    }

    /** Commit in one session until the other session's subscription has seen it (through the leader). */
    @Benchmark
    public long commitToOtherSession(TwoSessions s) throws InterruptedException {
        s.store.commit(s.created());
        long target = s.next;   // todo-n is the n-th row: its rowid is n
        synchronized (s.seenLock) {
            while (s.otherSeen < target) s.seenLock.wait();
        }
        return target;
    }

    /** A file store of {@code events} todos, made once per trial. */
    @State(Scope.Benchmark)
    public static class Filled {
        @Param({"10000"})
        public int events;

        Path dir;
        Path stateFile;

        @Setup(Level.Trial)
        public void fill() throws IOException {
            dir = tempDir("filled-");
            try (Store store = Store.open(options(dir, false))) {
                Event[] chunk = new Event[100];
                for (int n = 0; n < events; ) {
                    int k = Math.min(chunk.length, events - n);
                    Event[] c = k == chunk.length ? chunk : new Event[k];
                    for (int i = 0; i < k; i++, n++) c[i] = CREATED.of(new TodoCreated("todo-" + n, "buy milk " + n));
                    store.commit(c);
                }
                store.flush();
            }
            stateFile = dir.resolve("todo").resolve(SCHEMA.stateFileName());
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            delete(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long boot(Filled f) {
        try (Store store = Store.open(options(f.dir, false))) {
            if (store.wasRebuilt()) throw new IllegalStateException("expected the state file to be used");
            return store.head().global();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long rebuild(Filled f) throws IOException {
        Files.delete(f.stateFile);
        try (Store store = Store.open(options(f.dir, false))) {
            if (store.replayedEvents() != f.events) throw new IllegalStateException("replayed " + store.replayedEvents());
            return store.head().global();
        }
    }
}
