package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

import org.junit.jupiter.api.Test;

/**
 * Main registers only the subcommand a command line names (start-up: picocli builds each command's
 * model by reflection); the command must then parse and print its usage as it does among all of them.
 */
class SubcommandRegistrationTest {
    private static final Io IO = new Io(new ByteArrayInputStream(new byte[0]),
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), false);

    @Test
    void eachNameIsItsCommandsOwnName() {
        for (String name : Main.SUBCOMMANDS) {
            assertEquals(name, new CommandLine(Main.newCommand(name, IO)).getCommandName());
        }
    }

    @Test
    void withoutACommandNameAllAreRegistered() {
        assertEquals(List.of("sql", "version", "inspect", "demo", "serve"),
            List.copyOf(Main.commandLine(IO).getSubcommands().keySet()));
        assertEquals(Main.SUBCOMMANDS, List.copyOf(Main.commandLine(IO, "--help").getSubcommands().keySet()));
        assertEquals(5, Main.commandLine(IO, "no-such-command").getSubcommands().size());
    }

    @Test
    void aNamedCommandAloneHasTheSameUsageAsAmongAll() {
        CommandLine all = Main.commandLine(IO);
        for (String name : Main.SUBCOMMANDS) {
            CommandLine alone = Main.commandLine(IO, name, "--help");
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()));
            String usage = alone.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(usage.startsWith("Usage: livestore-jvm " + name), usage);
            assertEquals(all.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF), usage);
        }
    }

    @Test
    void aNamedCommandStillReportsItsUsageErrors() {
        Cli.Result r = Cli.run("", "sql", "--no-such-option");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.toString());
        assertTrue(r.err().contains("Usage: livestore-jvm sql"), r.toString());
    }
}
