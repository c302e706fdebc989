package dev.livestorejvm.cli;

import dev.livestorejvm.sqlite.SqliteBinaryInfo;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code version}: which SQLite binary this jar runs, where it came from, and its hash. */
@Command(name = "version", description = "Print the SQLite binary's package, version, SHA-256 and SQLite version.")
final class VersionCommand implements Callable<Integer> {
    private final Io io;

    @Mixin
    RuntimeOptions runtimeOptions = new RuntimeOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    VersionCommand(Io io) {
        this.io = io;
    }

    /**
     * {@code version} alone, made without picocli's model (start-up, as {@link SqlCommand#withPlainArguments});
     * null for any other arguments. {@code WithoutPicocliTest} checks it is the command picocli makes.
     */
    static VersionCommand withPlainArguments(Io io, String... args) {
        return args.length == 1 && args[0].equals("version") ? new VersionCommand(io) : null;
    }

    @Override
    public Integer call() {
        try (SqliteRuntime runtime = runtimeOptions.start()) {
            SqliteBinaryInfo info = runtime.binaryInfo();
            io.out().println("package:        " + info.packageName() + "@" + info.packageVersion());
            io.out().println("binary:         " + info.sourcePath() + " (" + info.binary().name().toLowerCase(java.util.Locale.ROOT) + ")");
            io.out().println("sha256:         " + info.sha256());
            io.out().println("integrity:      " + info.integrity());
            io.out().println("sqlite_version: " + info.sqliteVersion());
            io.out().println("source_id:      " + info.sourceId());
            io.out().println("execution:      " + info.mode().name().toLowerCase(java.util.Locale.ROOT));
            io.out().println("java:           " + System.getProperty("java.vm.name") + " " + Runtime.version());
        }
        io.out().flush();
        return ExitCodes.OK;
    }
}
