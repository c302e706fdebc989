package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sql} with SQL arguments only, and {@code version} alone, skip picocli (start-up); each must
 * be the very command picocli makes of the same arguments, and run as picocli runs it: an option
 * added with a default that the shortcut does not set fails here.
 */
class WithoutPicocliTest {
    private static final List<String[]> PLAIN = List.of(
        new String[] {"sql"},
        new String[] {"sql", "select 1"},
        new String[] {"sql", "create table t(a)", ".tables", "select 2", ""});

    @Test
    void theCommandIsTheOnePicocliMakes() throws Exception {
        for (String[] args : PLAIN) {
            Streams s = new Streams("");
            SqlCommand fast = SqlCommand.withPlainArguments(s.io, args);
            assertNotNull(fast, String.join(" ", args));
            CommandLine cli = Main.commandLine(s.io, args);
            cli.parseArgs(args);
            SqlCommand parsed = (SqlCommand) cli.getSubcommands().get("sql").getCommand();
            assertSameFields(parsed, fast, String.join(" ", args));
            assertSameFields(parsed.runtimeOptions, fast.runtimeOptions, String.join(" ", args) + ", runtime options");
        }
    }

    @Test
    void versionAloneIsTheCommandPicocliMakes() throws Exception {
        Streams s = new Streams("");
        VersionCommand fast = VersionCommand.withPlainArguments(s.io, "version");
        assertNotNull(fast);
        CommandLine cli = Main.commandLine(s.io, "version");
        cli.parseArgs("version");
        VersionCommand parsed = (VersionCommand) cli.getSubcommands().get("version").getCommand();
        assertSameFields(parsed, fast, "version");
        assertSameFields(parsed.runtimeOptions, fast.runtimeOptions, "version, runtime options");
        assertNull(VersionCommand.withPlainArguments(s.io, "version", "--fts5"));
        assertNull(VersionCommand.withPlainArguments(s.io, "sql"));
    }

    @Test
    void itRunsAsPicocliRunsIt() {
        List<String[]> runs = List.of(
            new String[] {"sql", "select 1 as one, 'x' as x"},
            new String[] {"sql", "select nope", "select 2"},   // an SQL error, then the rest
            new String[] {"sql", ".mode list", "select 3"},
            new String[] {"sql"},                               // stdin
            new String[] {"version"});
        for (String[] args : runs) {
            Streams fast = new Streams("select 4;\n");
            Streams picocli = new Streams("select 4;\n");
            int fastCode = fast.run(io -> Main.run(io, args));
            int picocliCode = picocli.run(io -> Main.runWithPicocli(io, args));
            assertEquals(picocliCode, fastCode, String.join(" ", args));
            assertEquals(picocli.out(), fast.out(), String.join(" ", args));
            assertEquals(picocli.err(), fast.err(), String.join(" ", args));
        }
    }

    @Test
    void anythingLikeAnOptionGoesToPicocli() {
        Streams s = new Streams("");
        assertNull(SqlCommand.withPlainArguments(s.io));
        assertNull(SqlCommand.withPlainArguments(s.io, "version"));
        assertNull(SqlCommand.withPlainArguments(s.io, "sql", "--mode", "csv", "select 1"));
        assertNull(SqlCommand.withPlainArguments(s.io, "sql", "select 1", "--bail"));
        assertNull(SqlCommand.withPlainArguments(s.io, "sql", "--", "select 1"));
        assertNull(SqlCommand.withPlainArguments(s.io, "sql", "-- a comment"));
    }

    private static void assertSameFields(Object expected, Object actual, String what) throws IllegalAccessException {
        for (Field f : expected.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == Io.class || f.getType() == RuntimeOptions.class) continue;
            f.setAccessible(true);
            assertEquals(f.get(expected), f.get(actual), what + ": field " + f.getName());
        }
    }

    /** An Io on in-memory streams. */
    private static final class Streams {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Io io;

        Streams(String stdin) {
            io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        }

        int run(ToIntFunction<Io> command) {
            int code = command.applyAsInt(io);
            io.out().flush();
            return code;
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
