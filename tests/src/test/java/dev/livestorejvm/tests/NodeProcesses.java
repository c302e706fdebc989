package dev.livestorejvm.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node side of the cross-module suites: installs npm packages when missing (so that the
 * README's test command needs no manual step) and runs commands with a time limit.
 */
public final class NodeProcesses {
    private NodeProcesses() {}

    /**
     * Installs the packages of {@code dir}'s package.json unless {@code marker} (a path under
     * {@code dir}, e.g. {@code node_modules/@livestore/adapter-node}) exists: {@code npm ci} when a
     * package-lock.json pins them, else {@code npm install}. One install at a time per JVM.
     */
    public static synchronized void installIfMissing(Path dir, String marker) {
        if (Files.isDirectory(dir.resolve(marker))) return;
        boolean locked = Files.exists(dir.resolve("package-lock.json"));
        run(dir, 600, "npm", locked ? "ci" : "install", "--no-audit", "--no-fund", "--loglevel=error");
        if (!Files.isDirectory(dir.resolve(marker))) {
            throw new IllegalStateException("npm finished in " + dir + " but " + marker + " is still missing");
        }
    }

    /** Runs {@code command} in {@code dir}; returns its output (stdout and stderr); fails on a non-zero exit or the time limit. */
    public static String run(Path dir, int timeoutSeconds, String... command) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command[0] + " (is it on the PATH?)", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + text(out));
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        String text = text(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n" + text);
        }
        return text;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
