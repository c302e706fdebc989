package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The usage texts rendered at build time are what picocli prints now, byte for byte, with and
 * without ANSI styles, for every form of a help request: they cannot drift from the commands.
 */
class UsageTextsTest {
    @Test
    void everyHelpRequestPrintsWhatPicocliPrints() {
        for (String name : UsageTexts.names()) {
            for (String flag : List.of("--help", "-h")) {
                String[] args = name.equals(UsageTexts.TOP) ? new String[] {flag} : new String[] {name, flag};
                // "" = no picocli.ansi property: picocli's own rule (no terminal here: plain)
                for (String ansi : List.of("", "false", "true")) {
                    String before = System.getProperty("picocli.ansi");
                    if (ansi.isEmpty()) System.clearProperty("picocli.ansi");
                    else System.setProperty("picocli.ansi", ansi);
                    try {
                        Streams fast = new Streams();
                        assertTrue(UsageTexts.printIfHelpRequest(fast.io, args), "not rendered at build time: " + String.join(" ", args));
                        Streams picocli = new Streams();
                        assertEquals(ExitCodes.OK, Main.runWithPicocli(picocli.io, args));
                        assertEquals(picocli.out(), fast.out(), String.join(" ", args) + ", ansi " + ansi);
                        assertEquals("", picocli.err());
                        assertEquals("", fast.err());
                    } finally {
                        if (before == null) System.clearProperty("picocli.ansi");
                        else System.setProperty("picocli.ansi", before);
                    }
                }
            }
        }
    }

    @Test
    void theTextsAreTheUsages() {
        assertTrue(UsageTexts.renderWithPicocli(UsageTexts.TOP, false).startsWith("Usage: livestore-jvm [-h] COMMAND"));
        assertTrue(UsageTexts.renderWithPicocli("sql", false).contains("--mode"));
        assertTrue(UsageTexts.renderWithPicocli("sql", true).contains("\u001b["), "styled text has ANSI escapes");
        Cli.Result r = Cli.run("", "serve", "--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().startsWith("Usage: livestore-jvm serve"), r.toString());
    }

    @Test
    void onlyExactHelpRequestsTakeTheShortcut() {
        assertEquals(UsageTexts.TOP, UsageTexts.helpRequestOf("-h"));
        assertEquals("demo", UsageTexts.helpRequestOf("demo", "--help"));
        assertNull(UsageTexts.helpRequestOf());
        assertNull(UsageTexts.helpRequestOf("no-such-command", "--help"));
        assertNull(UsageTexts.helpRequestOf("sql", "--fts5", "--help"));
        assertNull(UsageTexts.helpRequestOf("sql", "select 1"));
        assertNull(UsageTexts.helpRequestOf("--help", "sql"));
    }

    /** An Io on in-memory streams. */
    private static final class Streams {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, false, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false);

        String out() {
            io.out().flush();
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }
}
