package dev.livestorejvm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
     * The subcommands by name (each class's {@code @Command} name), in the order the usage lists them.
     * picocli builds a command's model by reflection over its annotations, in the bytecode interpreter
     * at that point of a process: ~a third of {@code sql "select 1"}'s start-up went to the four
     * commands it does not run (docs/startup.md).
     */
    static final Map<String, Function<Io, Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("sql", SqlCommand::new);
        SUBCOMMANDS.put("version", VersionCommand::new);
        SUBCOMMANDS.put("inspect", InspectCommand::new);
        SUBCOMMANDS.put("demo", DemoCommand::new);
        SUBCOMMANDS.put("serve", ServeCommand::new);
    }

    /** Runs one command line on {@code io} and returns the exit code (see {@link ExitCodes}). */
    public static int run(Io io, String... args) {
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
        String named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> {
            if (named == null || named.equals(name)) cli.addSubcommand(name, command.apply(io));
        });
        cli.setExpandAtFiles(false);   // SQL may begin with '@'; it is not an argument file
        cli.setOut(new java.io.PrintWriter(io.out(), true));
        cli.setErr(new java.io.PrintWriter(io.err(), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            io.out().flush();
            io.err().println("Error: " + e.getMessage());
            return ExitCodes.SQL_ERROR;
        });
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
