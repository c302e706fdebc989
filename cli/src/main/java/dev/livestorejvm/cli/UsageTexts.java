package dev.livestorejvm.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage texts of {@code --help} and {@code COMMAND --help}, rendered by picocli at build time
 * (cli/pom.xml runs {@link #main}) into resources that {@link #printIfHelpRequest} prints as they
 * are: a help request then builds no picocli model (reflection over the commands' annotations,
 * in the bytecode interpreter at that point of a process; docs/startup.md). Each text is stored
 * twice, plain and with ANSI styles, and picocli's own rule ({@code Ansi.AUTO}: the
 * {@code picocli.ansi} property, NO_COLOR, CLICOLOR, a terminal) picks one, as it would.
 * {@code UsageTextsTest} checks each equals what picocli prints now.
 */
public final class UsageTexts {
    /** The name of the top-level usage's resource; subcommands' are their names. */
    static final String TOP = "livestore-jvm";
    private static final String DIR = "usage/";

    private UsageTexts() {}

    /**
     * When {@code args} are exactly a help request ({@code -h} or {@code --help}, alone or after a
     * command's name) and its text was rendered at build time, prints it to {@code io.out()} and
     * returns true; otherwise false, and picocli handles the command line.
     */
    static boolean printIfHelpRequest(Io io, String... args) {
        String name = helpRequestOf(args);
        if (name == null || System.getProperty("picocli.usage.width") != null) return false;
        boolean ansi = ansiStyles();
        byte[] text = read(name + (ansi ? ".ansi.txt" : ".txt"));
        if (text == null) return false;
        String sep = System.lineSeparator();
        if (!sep.equals("\n")) text = new String(text, StandardCharsets.UTF_8).replace("\n", sep).getBytes(StandardCharsets.UTF_8);
        io.out().write(text, 0, text.length);
        io.out().flush();
        return true;
    }

    /**
     * Whether picocli would style the usage ({@code Ansi.AUTO}). Without the {@code picocli.ansi}
     * property, without {@code CLICOLOR_FORCE}, off Windows and with no terminal its answer is no,
     * known here without loading its help classes; otherwise it is asked.
     */
    private static boolean ansiStyles() {
        String force = System.getenv("CLICOLOR_FORCE");
        boolean certainlyOff = System.getProperty("picocli.ansi") == null && (force == null || force.equals("0"))
            && !System.getProperty("os.name", "").startsWith("Windows") && !Io.stdinIsTerminal();
        return !certainlyOff && picocli.CommandLine.Help.Ansi.AUTO.enabled();
    }

    /** The usage {@code args} ask for ({@link #TOP} or a command's name), or null when they are not exactly a help request. */
    static String helpRequestOf(String... args) {
        if (args.length == 1 && isHelp(args[0])) return TOP;
        if (args.length == 2 && isHelp(args[1]) && Main.SUBCOMMANDS.contains(args[0])) return args[0];
        return null;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static byte[] read(String resource) {
        try (InputStream in = UsageTexts.class.getResourceAsStream(DIR + resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** The help requests whose texts are rendered: the top level's and each command's. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(TOP);
        names.addAll(Main.SUBCOMMANDS);
        return names;
    }

    /** What picocli itself prints for {@code name}'s help request, with ANSI styles or without. */
    static String renderWithPicocli(String name, boolean ansi) {
        String before = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", Boolean.toString(ansi));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
            String[] args = name.equals(TOP) ? new String[] {"--help"} : new String[] {name, "--help"};
            int code = Main.runWithPicocli(io, args);
            io.out().flush();
            if (code != ExitCodes.OK || err.size() > 0) {
                throw new IllegalStateException(String.join(" ", args) + " exited " + code + ": " + err.toString(StandardCharsets.UTF_8));
            }
            return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        } finally {
            if (before == null) System.clearProperty("picocli.ansi");
            else System.setProperty("picocli.ansi", before);
        }
    }

    /** Build step: renders every usage text into {@code DIR/usage/} (DIR: the classes directory). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve(UsageTexts.class.getPackageName().replace('.', '/')).resolve(DIR);
        Files.createDirectories(dir);
        for (String name : names()) {
            write(dir.resolve(name + ".txt"), renderWithPicocli(name, false));
            write(dir.resolve(name + ".ansi.txt"), renderWithPicocli(name, true));
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
