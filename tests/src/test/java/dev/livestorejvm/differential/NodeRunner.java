package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.livestorejvm.tests.NodeProcesses;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Node side: one long-lived {@code node runner.mjs} process for the whole test run, fed JSON
 * lines and answering JSON lines in order. Requests may be queued ahead (Node works on its own core
 * while the JVM runs its side).
 */
final class NodeRunner implements AutoCloseable {
    static final Path DIR = Path.of("node").toAbsolutePath();

    private final Process process;
    private final BufferedWriter in;
    private final Map<Long, CompletableFuture<ArrayNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;
    private final StringBuilder stderr = new StringBuilder();

    NodeRunner() {
        // @livestore/wa-sqlite exactly as package-lock.json pins it
        NodeProcesses.installIfMissing(DIR, "node_modules/@livestore/wa-sqlite");
        try {
            process = new ProcessBuilder("node", "runner.mjs").directory(DIR.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (is Node.js on the PATH?)", e);
        }
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        reader = new Thread(this::readAnswers, "node-runner-reader");
        reader.setDaemon(true);
        reader.start();
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (stderr) {
                        if (stderr.length() < 20_000) stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "node-runner-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Queues a script; the future completes with Node's records. */
    synchronized CompletableFuture<ArrayNode> submit(Script script, boolean full) {
        long id = ids.incrementAndGet();
        CompletableFuture<ArrayNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        ObjectNode request = Script.JSON.createObjectNode().put("id", id).put("full", full);
        request.set("script", script.toJson());
        try {
            in.write(Script.JSON.writeValueAsString(request));
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            waiting.remove(id);
            f.completeExceptionally(new IllegalStateException("node runner is gone: " + stderr(), e));
        }
        return f;
    }

    ArrayNode run(Script script, boolean full) {
        try {
            return submit(script, full).get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("node runner failed on " + script.name() + ": " + e.getMessage(), e);
        }
    }

    private void readAnswers() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode answer = Script.JSON.readTree(line);
                CompletableFuture<ArrayNode> f = waiting.remove(answer.path("id").asLong());
                if (f == null) continue;
                if (answer.has("failure")) f.completeExceptionally(new IllegalStateException("node: " + answer.get("failure").asText()));
                else f.complete((ArrayNode) answer.get("records"));
            }
        } catch (IOException e) {
            // fall through: fail whatever waits
        }
        IllegalStateException gone = new IllegalStateException("node runner exited: " + stderr());
        waiting.values().forEach(f -> f.completeExceptionally(gone));
        waiting.clear();
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroy();
        } catch (IOException | InterruptedException e) {
            process.destroy();
        }
    }
}
