package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteBinaryInfo;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sql}: the SQL shell, interactive on a terminal, else a script runner. */
@Command(name = "sql",
    description = {
        "Run SQL on the embedded SQLite: the SQL arguments if given, else the script on stdin, or an "
            + "interactive shell when stdin is a terminal (enter .help there for its dot commands).",
        "Output modes: table (default; NULL shows as NULL), box, list and csv (NULL shows as empty), "
            + "json (NULL is null). Blobs print as X'hex'.",
        "Exit codes: 0 ok, 1 an SQL error (after running the rest, unless --bail), 2 a usage error."})
final class SqlCommand implements Callable<Integer> {
    private final Io io;

    /** {@code --db}'s default. */
    static final String DEFAULT_DATABASE = ":memory:";

    @Option(names = "--db", paramLabel = "NAME", defaultValue = DEFAULT_DATABASE,
        description = "The database to open (default: ${DEFAULT-VALUE}): a file name (created if missing), "
            + ":memory:, or a URI such as file:name?vfs=memory.")
    String database;

    @Option(names = "--bail", description = "Stop at the first error.")
    boolean bail;

    @Option(names = "--mode", paramLabel = "MODE",
        description = "Output mode: table, box, list, csv or json (default: table).")
    String mode = "table";

    @Option(names = "--headers", description = "Print column names in list and csv modes.")
    boolean headers;

    @Mixin
    RuntimeOptions runtimeOptions = new RuntimeOptions();

    @Parameters(paramLabel = "SQL", arity = "0..*",
        description = "SQL statements or dot commands to run, one argument after another; stdin is then not read.")
    List<String> sql = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    SqlCommand(Io io) {
        this.io = io;
    }

    /**
     * {@code sql} with SQL arguments only (or none: stdin), no option, as picocli would parse it,
     * without picocli: its model of this command (reflection over the annotations, in the bytecode
     * interpreter) was a third of {@code sql "select 1"}'s start-up (docs/startup.md). Null when
     * {@code args} are anything else: picocli parses them. {@code WithoutPicocliTest} checks that
     * the command is the one picocli makes of the same arguments, field by field.
     */
    static SqlCommand withPlainArguments(Io io, String... args) {
        if (args.length == 0 || !args[0].equals("sql")) return null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-")) return null;   // an option, "--", or SQL that picocli might take for one
        }
        SqlCommand command = new SqlCommand(io);
        command.database = DEFAULT_DATABASE;   // the one option default that picocli sets (defaultValue)
        command.sql.addAll(java.util.Arrays.asList(args).subList(1, args.length));
        return command;
    }

    @Override
    public Integer call() {
        OutputMode outputMode = OutputMode.parse(mode);
        if (outputMode == null) {
            io.err().println("Error: --mode " + mode + ": not one of table, box, list, csv, json");
            return ExitCodes.USAGE;
        }
        try (SqliteRuntime runtime = runtimeOptions.start()) {
            Database db;
            try {
                db = runtime.open(database);
            } catch (SqliteException e) {
                io.err().println("Error: cannot open " + database + ": [" + SqliteException.codeName(e.extendedCode())
                    + "] " + e.sqliteMessage());
                return ExitCodes.SQL_ERROR;
            }
            Shell shell = new Shell(runtime, db, io.out(), io.err());
            shell.mode = outputMode;
            shell.headers = headers;
            shell.bail = bail;
            return run(shell, runtime);
        } finally {
            io.out().flush();
        }
    }

    private int run(Shell shell, SqliteRuntime runtime) {
        if (!sql.isEmpty()) {
            for (int i = 0; i < sql.size() && !shell.stopped(); i++) shell.runArgument(sql.get(i), i + 1);
            return shell.exitCode();
        }
        boolean interactive = io.interactive();
        if (interactive) banner(runtime.binaryInfo());
        try {
            // a decoder that reports malformed input, as .read's reader does: bytes that are not UTF-8
            // stop the input with an error instead of running SQL with U+FFFD in their place
            BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8.newDecoder()));
            shell.run(in, interactive ? Shell.Source.TERMINAL : Shell.Source.STDIN);
        } catch (java.nio.charset.CharacterCodingException e) {
            io.err().println("Error: stdin is not valid UTF-8 (" + e + "); input stopped there, nothing of that line ran");
            return ExitCodes.SQL_ERROR;
        } catch (IOException e) {
            io.err().println("Error: reading stdin: " + e);
            return ExitCodes.SQL_ERROR;
        }
        return shell.exitCode();
    }

    private void banner(SqliteBinaryInfo info) {
        io.out().println("livestore-jvm SQL shell: SQLite " + info.sqliteVersion() + " (" + info.packageName() + "@"
            + info.packageVersion() + ", " + info.mode().name().toLowerCase(java.util.Locale.ROOT) + ")");
        io.out().println("Enter \".help\" for usage hints.");
        if (database.equals(":memory:")) io.out().println("Connected to a transient in-memory database.");
    }
}
