package dev.livestorejvm.cli;

import dev.livestorejvm.store.Store;
import dev.livestorejvm.store.StoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The build's training run (cli/pom.xml, BuildStartupArchives): runs the commands a user runs, in
 * one JVM, so that the JVM records what they load, link and (JDK 25's AOT cache) profile into the
 * start-up archive the launcher then hands to every later run. Output is discarded; a command
 * that fails fails the run (an archive of a broken path would hide the break). Usage:
 * {@code java -cp livestore-jvm.jar dev.livestorejvm.cli.TrainingRun WORKDIR} (WORKDIR is created
 * and deleted).
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

    /** Commits of the store part of the run. */
    private static final int COMMITS = 2_000;

    private TrainingRun() {}

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        Files.createDirectories(work);
        try {
            run("", "--help");
            run("", "sql", "--help");
            run("", "demo", "--help");
            run("", "version");
            run("", "sql", "select 1");
            run(SCRIPT, "sql");
            run(SCRIPT, "sql", "--mode", "json");
            run("SELECT 1 AS a, 'x' AS b, NULL AS c, x'00ff' AS d;\n", "sql", "--mode", "csv", "--headers");
            String db = work.resolve("training.db").toString();
            run(SCRIPT, "sql", "--db", db);
            run("", "sql", "--db", db, "SELECT count(*) FROM t");
            Path demo = work.resolve("demo");
            run("", "demo", "--dir", demo.toString());
            run("", "demo", "--dir", demo.toString());   // the second run reopens the store
            run("", "inspect", demo.resolve("todo").toString());
            commits(work.resolve("commits"));
        } finally {
            delete(work);
        }
    }

    private static void run(String stdin, String... args) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), discard, discard, false);
        int code = Main.run(io, args);
        if (code != ExitCodes.OK) throw new IllegalStateException("training run: " + String.join(" ", args) + " exited " + code);
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

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
