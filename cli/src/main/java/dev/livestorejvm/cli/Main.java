package dev.livestorejvm.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar livestore-jvm.jar <command>}: the entry point. Each subcommand is a class of
 * its own, registered in {@link #SUBCOMMANDS}.
 */
@Command(name = "livestore-jvm",
    description = "LiveStore's SQLite (wa-sqlite in Chicory) on the JVM.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Run 'livestore-jvm COMMAND --help' for a command's options."})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    public static void main(String[] args) {
        Io io = Io.system();
        int code = run(io, args);
        io.out().flush();
        io.err().flush();
        System.exit(code);
    }

    /**
     * The subcommands' names (each class's {@code @Command} name), in the order the usage lists them;
     * {@link #newCommand} makes each. picocli builds a command's model by reflection over its
     * annotations, in the bytecode interpreter at that point of a process: ~a third of
     * {@code sql "select 1"}'s start-up went to the four commands it does not run (docs/startup.md).
     * Names, not a map of constructors, so that a help request loads no command class at all.
     */
    static final List<String> SUBCOMMANDS = List.of("sql", "version", "inspect", "demo", "serve");

    /** A new instance of the subcommand {@code name} (one of {@link #SUBCOMMANDS}). */
    static Object newCommand(String name, Io io) {
        return switch (name) {
            case "sql" -> new SqlCommand(io);
            case "version" -> new VersionCommand(io);
            case "inspect" -> new InspectCommand(io);
            case "demo" -> new DemoCommand(io);
            case "serve" -> new ServeCommand(io);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** Runs one command line on {@code io} and returns the exit code (see {@link ExitCodes}). */
    public static int run(Io io, String... args) {
        if (UsageTexts.printIfHelpRequest(io, args)) return ExitCodes.OK;
        SqlCommand plainSql = SqlCommand.withPlainArguments(io, args);
        if (plainSql != null) return runWithoutPicocli(io, plainSql, plainSql.runtimeOptions, args);
        VersionCommand plainVersion = VersionCommand.withPlainArguments(io, args);
        if (plainVersion != null) return runWithoutPicocli(io, plainVersion, plainVersion.runtimeOptions, args);
        return runWithPicocli(io, args);
    }

    /**
     * A command made from plain arguments without picocli ({@link SqlCommand#withPlainArguments},
     * {@link VersionCommand#withPlainArguments}), run as picocli's {@code execute} runs it.
     */
    private static int runWithoutPicocli(Io io, java.util.concurrent.Callable<Integer> command, RuntimeOptions runtime, String... args) {
        EarlyRuntime early = EarlyRuntime.startFor(args);
        runtime.early = early;
        try {
            return command.call();
        } catch (Exception e) {
            return executionFailed(io, e);
        } finally {
            if (early != null) early.closeIfUnused();
        }
    }

    /** A command's exception: its message, as an SQL error (picocli's execution exception handler, below, too). */
    private static int executionFailed(Io io, Exception e) {
        io.out().flush();
        io.err().println("Error: " + e.getMessage());
        return ExitCodes.SQL_ERROR;
    }

    /** {@link #run} without the build-time usage texts: picocli parses {@code args} (and prints usages itself). */
    static int runWithPicocli(Io io, String... args) {
        EarlyRuntime early = EarlyRuntime.startFor(args);
        try {
            CommandLine cli = commandLine(io, args);
            if (early != null) {
                Object command = cli.getSubcommands().get(args[0]).getCommand();
                if (command instanceof SqlCommand sql) sql.runtimeOptions.early = early;
                if (command instanceof VersionCommand version) version.runtimeOptions.early = early;
            }
            return cli.execute(args);
        } finally {
            if (early != null) early.closeIfUnused();
        }
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is
     * registered (it then parses and prints its usage exactly as among all of them); otherwise all,
     * for the top-level usage and its errors.
     */
    static CommandLine commandLine(Io io, String... args) {
        String named = args.length > 0 && SUBCOMMANDS.contains(args[0]) ? args[0] : null;
        CommandLine cli = new CommandLine(new Main());
        for (String name : SUBCOMMANDS) {
            if (named == null || named.equals(name)) cli.addSubcommand(name, newCommand(name, io));
        }
        cli.setExpandAtFiles(false);   // SQL may begin with '@'; it is not an argument file
        cli.setOut(new java.io.PrintWriter(io.out(), true));
        cli.setErr(new java.io.PrintWriter(io.err(), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> executionFailed(io, e));
        return cli;
    }

    /** Without a command: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
