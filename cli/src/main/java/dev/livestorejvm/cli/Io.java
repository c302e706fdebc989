package dev.livestorejvm.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The streams a command talks through, and whether a person is typing at a terminal. Tests pass
 * in-memory streams; {@link #system()} wraps the process's own (UTF-8, as SQLite's text is).
 */
public record Io(InputStream in, PrintStream out, PrintStream err, boolean interactive) {

    public static Io system() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Io(System.in, out, err, stdinIsTerminal());
    }

    /**
     * True when stdin and stdout are a terminal. On Java 17 {@code System.console()} is null when
     * either is redirected; from Java 22 it is not, and {@code Console.isTerminal()} tells instead.
     */
    static boolean stdinIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
