package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.livestorejvm.wasm.ExecutionMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a script on both runtimes and demands the same records, byte for byte. On a mismatch the
 * failure names the script, its seed and the first differing step, shows both sides, locates the
 * first differing byte of a database image, and shrinks the script to a minimal reproduction.
 * One instance (one Node process, one JVM runtime per binary and mode) serves the whole test run.
 */
final class Differential {
    private static Differential shared;

    final NodeRunner node = new NodeRunner();
    final JvmRunner jvm = new JvmRunner();
    final Stats stats = new Stats();

    static synchronized Differential shared() {
        if (shared == null) {
            Differential d = new Differential();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                d.node.close();
                d.jvm.close();
            }));
            shared = d;
        }
        return shared;
    }

    /** Counters of what was compared. */
    static final class Stats {
        final AtomicLong scripts = new AtomicLong();
        final AtomicLong runs = new AtomicLong();
        final AtomicLong interpretedRuns = new AtomicLong();
        final AtomicLong statements = new AtomicLong();
        final AtomicLong rows = new AtomicLong();
        final AtomicLong resultBytes = new AtomicLong();
        final AtomicLong imageBytes = new AtomicLong();
        final AtomicLong images = new AtomicLong();
        final AtomicLong changesetBytes = new AtomicLong();
        final AtomicLong pendingSessionScripts = new AtomicLong();

        @Override
        public String toString() {
            return String.format("%d scripts, %d runs (%d interpreted), %d statements, %d rows, %d database images;"
                    + " compared bytes: %d of results (%d of them changeset bytes) + %d of database images"
                    + "; %d scripts with steps pending on the JVM",
                scripts.get(), runs.get(), interpretedRuns.get(), statements.get(), rows.get(), images.get(),
                resultBytes.get(), changesetBytes.get(), imageBytes.get(), pendingSessionScripts.get());
        }
    }

    /** The first difference between two runs, or null if they agree on every compared record. */
    record Mismatch(int index, JsonNode node, JsonNode jvm) {}

    /** Compares record by record; JVM session steps are pending and a pending apply ends the comparison. */
    static Mismatch compare(ArrayNode node, ArrayNode jvm) {
        int n = Math.max(node.size(), jvm.size());
        for (int i = 0; i < n; i++) {
            JsonNode a = node.get(i);
            JsonNode b = jvm.get(i);
            if (b != null && b.path("pending").asBoolean()) {
                if (b.path("session").asText().equals("apply")) return null;   // the data diverge from here
                if (a != null && a.path("session").asText().equals(b.path("session").asText())) continue;
            }
            if (a == null || !a.equals(b)) return new Mismatch(i, a, b);
        }
        return null;
    }

    /** Runs {@code script} on the JVM in {@code mode} and checks it against Node's records. */
    void check(Script script, ExecutionMode mode, CompletableFuture<ArrayNode> nodeRecords) {
        ArrayNode jvmRecords = jvm.run(script, mode, false);
        ArrayNode nodeResult;
        try {
            nodeResult = nodeRecords.get();
        } catch (Exception e) {
            throw new AssertionError("the Node runner failed on " + script.name() + ": " + e.getMessage(), e);
        }
        Mismatch m = compare(nodeResult, jvmRecords);
        if (m != null) throw new AssertionError(report(script, mode, m));
        count(script, mode, jvmRecords, nodeResult);
        if (jvmRecords.findValues("pending").stream().anyMatch(p -> p.asBoolean())) {
            stats.pendingSessionScripts.incrementAndGet();
            Assumptions.abort("statements and images matched; some steps have no JVM counterpart yet");
        }
    }

    private void count(Script script, ExecutionMode mode, ArrayNode jvmRecords, ArrayNode nodeRecords) {
        stats.runs.incrementAndGet();
        if (mode == ExecutionMode.INTERPRETED) stats.interpretedRuns.incrementAndGet();
        for (int i = 0; i < jvmRecords.size(); i++) {
            JsonNode r = jvmRecords.get(i);
            if (r.path("pending").asBoolean()) {
                JsonNode nr = nodeRecords.get(i);
                if (nr != null && nr.has("bytes")) stats.changesetBytes.addAndGet(nr.get("bytes").asText().length() / 2);
                if (r.path("session").asText().equals("apply")) break;
                continue;
            }
            stats.resultBytes.addAndGet(r.toString().getBytes(StandardCharsets.UTF_8).length);
            if (r.has("bytes")) stats.changesetBytes.addAndGet(r.get("bytes").asText().length() / 2);
            if (r.has("rows")) stats.rows.addAndGet(r.get("rows").size());
            if (r.has("images")) {
                for (JsonNode im : r.get("images")) {
                    stats.images.incrementAndGet();
                    stats.imageBytes.addAndGet(im.get("len").asLong());
                }
            } else if (!r.has("session")) {
                stats.statements.incrementAndGet();
            }
        }
    }

    /** The failure text: where, both sides, the first differing image byte, and a minimal reproduction. */
    String report(Script script, ExecutionMode mode, Mismatch m) {
        StringBuilder b = new StringBuilder();
        b.append("JVM (").append(mode).append(") and Node differ on ").append(script.name())
            .append(" [binary ").append(script.binary()).append(", seed ").append(script.seed()).append("]\n");
        b.append(describe(script, m));
        if (m.node() != null && m.node().has("images")) b.append(imageDifference(script, mode, m.index()));
        Script minimal = minimize(script, mode);
        b.append("\nminimal reproduction (").append(minimal.steps().size()).append(" of ").append(script.steps().size())
            .append(" steps; save as a corpus file to keep it):\n").append(minimal.toText());
        return b.toString();
    }

    private static String describe(Script script, Mismatch m) {
        String step = m.index() < script.steps().size() ? script.steps().get(m.index()).toText() : "(the final images)";
        return "at step " + m.index() + ": " + step + "\n  node: " + readable(m.node()) + "\n  jvm:  " + readable(m.jvm()) + "\n";
    }

    /** Text cells are stored as hex of their bytes; show them decoded too. */
    private static String readable(JsonNode record) {
        if (record == null) return "(none)";
        String s = record.toString();
        StringBuilder out = new StringBuilder(s);
        if (record.has("rows")) {
            out.append("  texts: ");
            for (JsonNode row : record.get("rows")) {
                for (JsonNode cell : row) {
                    if (cell.asText().startsWith("t:")) {
                        out.append('"').append(ScriptParser.utf8(Param.HEX.parseHex(cell.asText().substring(2)))).append("\" ");
                    }
                }
            }
        }
        return out.toString();
    }

    private String imageDifference(Script script, ExecutionMode mode, int index) {
        ArrayNode a = node.run(script, true);
        ArrayNode b = jvm.run(script, mode, true);
        JsonNode ia = a.get(index).get("images");
        JsonNode ib = b.get(index).get("images");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(ia.size(), ib.size()); i++) {
            byte[] x = Param.HEX.parseHex(ia.get(i).get("hex").asText());
            byte[] y = Param.HEX.parseHex(ib.get(i).get("hex").asText());
            int k = 0;
            while (k < Math.min(x.length, y.length) && x[k] == y[k]) k++;
            if (k < x.length || k < y.length) {
                out.append(String.format("  image %s: first difference at byte %d (page %d, offset %d); node %d bytes, jvm %d bytes%n",
                    ia.get(i).get("schema").asText(), k, k / 4096 + 1, k % 4096, x.length, y.length));
            }
        }
        return out.toString();
    }

    /** Greedy shrinking: drops steps one at a time, keeping each removal after which the runs still differ. */
    Script minimize(Script script, ExecutionMode mode) {
        Script current = script;
        int budget = 300;
        boolean shrunk = true;
        while (shrunk && budget > 0) {
            shrunk = false;
            for (int i = current.steps().size() - 1; i >= 0 && budget > 0; i--) {
                List<Script.Step> fewer = new ArrayList<>(current.steps());
                fewer.remove(i);
                Script candidate = current.withSteps(fewer);
                budget--;
                try {
                    if (compare(node.run(candidate, false), jvm.run(candidate, mode, false)) != null) {
                        current = candidate;
                        shrunk = true;
                    }
                } catch (RuntimeException e) {
                    // a candidate that breaks a runner is not a reproduction of this mismatch
                }
            }
        }
        return current;
    }
}
