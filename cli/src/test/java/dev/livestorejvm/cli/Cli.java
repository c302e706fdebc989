package dev.livestorejvm.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM on in-memory streams, with the real engine underneath. */
final class Cli {
    /** What one run left behind. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {}

    /** Runs {@code args} with {@code stdin} piped in (not a terminal). */
    static Result run(String stdin, String... args) {
        return run(stdin, false, args);
    }

    /** Runs {@code args} as if a person typed {@code stdin} at a terminal. */
    static Result interactive(String stdin, String... args) {
        return run(stdin, true, args);
    }

    /** {@code sql} with {@code script} on stdin. */
    static Result sql(String script) {
        return run(script, "sql");
    }

    private static Result run(String stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            terminal);
        int code = Main.run(io, args);
        io.out().flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
