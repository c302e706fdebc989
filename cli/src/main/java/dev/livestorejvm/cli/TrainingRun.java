package dev.livestorejvm.cli;

import dev.livestorejvm.server.SyncServer;
import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import dev.livestorejvm.store.SyncOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The build's training run (cli/pom.xml, BuildStartupArchives): runs the commands a user runs, in
 * one JVM, so that the JVM records what they load, link and (JDK 25's AOT cache) profile into the
 * start-up archive the launcher then hands to every later run (the CLI's commands, store commits,
 * and {@code serve} with a client that pushes and a new one that catches up). Output is discarded; a command
 * that fails fails the run (an archive of a broken path would hide the break). Usage:
 * {@code java -cp livestore-jvm.jar dev.livestorejvm.cli.TrainingRun WORKDIR [help|sql|all]} (WORKDIR
 * is created and deleted; the part, {@link Part}, defaults to all).
 */
final class TrainingRun {
    /** A short VDBE-bound script: the statement shapes of benchmarks/whole-process/vdbe.sql, smaller. */
    private static final String SCRIPT = String.join("\n",
        "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, n INTEGER);",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000)",
        "INSERT INTO t SELECT x, 'name-' || x, x % 97 FROM c;",
        "SELECT count(*) FROM t WHERE name LIKE '%7%';",
        "SELECT count(*) FROM t WHERE name LIKE '%7%';",
        "UPDATE t SET n = n + 1 WHERE id % 10 = 0;",
        "SELECT n, count(*), sum(id) FROM t GROUP BY n ORDER BY n LIMIT 3;",
        "SELECT * FROM t WHERE id = 42;",
        "CREATE INDEX t_n ON t(n);",
        "SELECT id, name FROM t WHERE n = 5 ORDER BY id DESC LIMIT 2;",
        "BEGIN; DELETE FROM t WHERE id > 15000; ROLLBACK;",
        ".tables",
        ".schema t",
        "");

    /**
     * Bulk work as a user's script does it, on a table big enough that SQLite's B-tree, record and
     * VDBE functions run long in each statement: rows made by a CTE, full scans (LIKE, GROUP BY,
     * aggregates), an update and a delete of many rows, an index build and lookups through it, a
     * join. Deliberately not benchmarks/whole-process/vdbe.sql (training on the benchmark would
     * flatter it): another table, other columns and predicates, other statement order.
     */
    private static final String BULK = String.join("\n",
        "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT, qty INTEGER, price REAL, note TEXT);",
        "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 60000)",
        "INSERT INTO orders SELECT i, 'customer ' || (i * 7919 % 5003), i % 13, (i % 1000) / 4.0, 'order ' || i || ' batch ' || (i / 500) FROM s;",
        "SELECT count(*), sum(qty) FROM orders WHERE note LIKE '%batch 1%';",
        "SELECT qty, count(*), avg(price) FROM orders GROUP BY qty ORDER BY 2 DESC LIMIT 5;",
        // a sort bigger than the page cache: the sorter spills to temporary files and merges them
        "SELECT note, count(*) FROM orders GROUP BY note ORDER BY 2 DESC LIMIT 3;",
        "SELECT count(*) FROM orders WHERE customer LIKE '%42%' AND price > 10;",
        "UPDATE orders SET price = price * 1.1, qty = qty + 1 WHERE id % 3 = 1;",
        "SELECT max(price), min(note) FROM orders WHERE qty BETWEEN 2 AND 9;",
        "CREATE INDEX orders_customer ON orders(customer);",
        "SELECT count(*) FROM orders WHERE customer = 'customer 17';",
        "CREATE TABLE customers AS SELECT DISTINCT customer AS name, length(customer) AS len FROM orders;",
        "SELECT c.len, count(*) FROM orders o JOIN customers c ON c.name = o.customer GROUP BY c.len;",
        "DELETE FROM orders WHERE qty = 5 OR note LIKE '%9 batch%';",
        "SELECT count(*), total(price) FROM orders WHERE note LIKE '%3%';",
        "");

    /** Commits of the store part of the run. */
    private static final int COMMITS = 2_000;

    private TrainingRun() {}

    /**
     * The parts a run can train, each for the archive of the commands the launcher gives it (one
     * archive per part: JDK 25 loads and links every class of an AOT cache at start, so a help request
     * with the whole run's 52 MB cache took ~0.1 s of CPU more than with one trained on help alone).
     * Each part includes the ones before it.
     */
    enum Part { HELP, SQL, ALL }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path work = Path.of(args[0]);
        Part part = args.length > 1 ? Part.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Part.ALL;
        Files.createDirectories(work);
        try {
            train(work, part);
            // a help request compiles next to nothing; its archive stays without the JMX classes this loads
            if (part != Part.HELP && IdleCompilers.needed()) IdleCompilers.await(Duration.ofSeconds(60));
        } finally {
            delete(work);
        }
    }

    private static void train(Path work, Part part) throws IOException, InterruptedException {
        help();
        if (part == Part.HELP) return;
        sql(work);
        if (part == Part.SQL) return;
        Path demo = work.resolve("demo");
        run("", "demo", "--dir", demo.toString());
        run("", "demo", "--dir", demo.toString());   // the second run reopens the store
        run("", "inspect", demo.resolve("todo").toString());
        commits(work.resolve("commits"));
        serveAndSync(work.resolve("sync"));
    }

    /** The help requests, which print the build-time texts (UsageTexts). */
    private static void help() {
        run("", "--help");
        run("", "sql", "--help");
        run("", "demo", "--help");
    }

    /** {@code sql} and {@code version}, as the launcher's "sql" archive serves them. */
    private static void sql(Path work) {
        // these two go through picocli's own help rendering: a help request with options, and a usage error
        run("", "sql", "--mode", "list", "--help");
        run(ExitCodes.USAGE, "", "sql", "--no-such-option");
        run("", "version");
        run("", "sql", "select 1");
        run(SCRIPT, "sql");
        run(SCRIPT, "sql", "--mode", "json");
        run(BULK, "sql");
        run("SELECT 1 AS a, 'x' AS b, NULL AS c, x'00ff' AS d;\n", "sql", "--mode", "csv", "--headers");
        String db = work.resolve("training.db").toString();
        run(SCRIPT, "sql", "--db", db);
        run("", "sql", "--db", db, "SELECT count(*) FROM t");
    }

    private static void run(String stdin, String... args) {
        run(ExitCodes.OK, stdin, args);
    }

    private static void run(int expectedCode, String stdin, String... args) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), discard, discard, false);
        int code = Main.run(io, args);
        if (code != expectedCode) throw new IllegalStateException("training run: " + String.join(" ", args) + " exited " + code);
    }

    /**
     * Single-event commits on a file store, as an application (or the sync server's client) makes
     * them: enough for the commit path's methods to have profiles in JDK 25's AOT cache.
     */
    private static void commits(Path base) {
        try (Store store = Store.open(StoreOptions.builder(TodoSchema.SCHEMA).directory(base).storeId("todo")
            .clientId("training").build())) {
            for (int i = 0; i < COMMITS; i++) {
                store.commit(TodoSchema.CREATED.of(new TodoSchema.TodoCreated("todo-" + i, "text " + i)));
            }
            store.flush();
        }
    }

    /** Events one client pushes and a new client then pulls in the server part of the run. */
    private static final int SYNCED = 1_000;

    /**
     * {@code serve} as a user starts it (picocli, the storage, Jetty, WebSocket), a client that pushes
     * {@link #SYNCED} single-event commits, and a new client that catches up with them: the server's
     * start-up and request paths and the sync client's push and pull paths, for the archives.
     */
    private static void serveAndSync(Path base) throws IOException, InterruptedException {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(new byte[0]), discard, discard, false);
        String[] args = {"serve", "--port", "0", "--storage", "sqlite:" + base.resolve("server")};
        picocli.CommandLine cli = Main.commandLine(io, args);
        cli.parseArgs(args);
        ServeCommand serve = (ServeCommand) cli.getSubcommands().get("serve").getCommand();
        SyncServer server;
        try {
            server = serve.start();
        } catch (ServeCommand.StartFailed e) {
            throw new IllegalStateException("training run: serve exited " + e.code);
        }
        try (server) {
            URI ws = URI.create("ws://127.0.0.1:" + server.port());
            health(server.port());
            try (Store pusher = Store.open(synced(base.resolve("pusher"), "pusher", ws))) {
                for (int i = 0; i < SYNCED; i++) {
                    pusher.commit(TodoSchema.CREATED.of(new TodoSchema.TodoCreated("synced-" + i, "text " + i)));
                }
                if (!pusher.awaitSynced(Duration.ofMinutes(2))) throw new IllegalStateException("training run: not pushed: " + pusher.syncStatus());
            }
            try (Store puller = Store.open(synced(base.resolve("puller"), "puller", ws))) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (puller.head().global() < SYNCED) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("training run: no catch-up: " + puller.syncStatus());
                    Thread.sleep(1);
                }
            }
            health(server.port());
        }
    }

    private static StoreOptions synced(Path dir, String client, URI ws) {
        return StoreOptions.builder(TodoSchema.SCHEMA).directory(dir).storeId("training").clientId(client)
            .sync(SyncOptions.webSocket(ws).build()).build();
    }

    /** GET /health, as a load balancer (and benchmarks/whole-process.sh) asks it. */
    private static void health(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
        try {
            if (c.getResponseCode() != 200) throw new IllegalStateException("training run: /health answered " + c.getResponseCode());
            c.getInputStream().readAllBytes();
        } finally {
            c.disconnect();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
