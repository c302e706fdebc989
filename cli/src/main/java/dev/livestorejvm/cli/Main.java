package dev.livestorejvm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar livestore-jvm.jar <command>}: the entry point. Each subcommand is a class of
 * its own, registered in {@link #commandLine(Io)}.
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

    /** Runs one command line on {@code io} and returns the exit code (see {@link ExitCodes}). */
    public static int run(Io io, String... args) {
        return commandLine(io).execute(args);
    }

    static CommandLine commandLine(Io io) {
        CommandLine cli = new CommandLine(new Main())
            .addSubcommand(new SqlCommand(io))
            .addSubcommand(new VersionCommand(io))
            .addSubcommand(new InspectCommand(io))
            .addSubcommand(new DemoCommand(io))
            .addSubcommand(new ServeCommand(io));
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
