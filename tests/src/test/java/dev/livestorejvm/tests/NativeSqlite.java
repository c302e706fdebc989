package dev.livestorejvm.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The native {@code sqlite3} command-line tool (Debian's package; {@code .ci/run} installs it). */
final class NativeSqlite {
    private NativeSqlite() {}

    record Result(int exit, String out, String err) {}

    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "sqlite3");
            if (java.nio.file.Files.isExecutable(p)) return p.toString();
        }
        fail("the native sqlite3 tool is not on PATH: install Debian's sqlite3 package (.ci/run does)");
        return null;
    }

    /** Runs {@code sql} as a script in a new {@code sqlite3} process and waits for it. */
    static Result run(Path db, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable(), "-batch", db.toString()).start();
        try (Writer w = p.outputWriter(StandardCharsets.UTF_8)) {
            w.write(sql);
            w.write('\n');
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("sqlite3 did not finish in 60 s: " + sql);
        }
        return new Result(p.exitValue(), out, err);
    }

    /** A {@code sqlite3} process kept open, fed statement by statement. */
    static final class Session implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Session(Path db) throws IOException {
            process = new ProcessBuilder(executable(), "-batch", db.toString()).redirectErrorStream(true).start();
            in = process.outputWriter(StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "sqlite3-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Sends {@code sql}, then waits until the tool has run it (it prints a marker after it). */
        String exec(String sql) throws IOException, InterruptedException {
            String marker = "--done-" + System.nanoTime();
            in.write(sql + "\n.print " + marker + "\n");
            in.flush();
            StringBuilder out = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) fail("sqlite3 did not answer within 30 s; so far: " + out);
                if (line.equals(marker)) return out.toString().strip();
                out.append(line).append('\n');
            }
        }

        @Override
        public void close() throws Exception {
            in.write(".quit\n");
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
