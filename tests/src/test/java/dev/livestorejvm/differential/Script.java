package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One differential case: which binary, the fixed clock, time zone and PRNG seed both runtimes get,
 * where the main database lives (in memory, or in a file of each side's default VFS: the runtime's
 * Java VFS on the JVM, Emscripten's unix VFS on MEMFS under Node), and the steps (SQL statements with parameters, serialize points, session capture).
 */
record Script(String name, String binary, String zone, int seed, long timeMillis, boolean interpreted,
              String storage, List<Step> steps) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long DEFAULT_TIME = Instant.parse("2024-02-29T13:37:42.123Z").toEpochMilli();

    Script {
        if (seed == 0) throw new IllegalArgumentException("seed 0 would mean 'no seed' to SQLite");
        if (!storage.equals("memory") && !storage.equals("file")) throw new IllegalArgumentException("storage is memory or file");
        steps = List.copyOf(steps);
    }

    Script withSteps(List<Step> newSteps) {
        return new Script(name, binary, zone, seed, timeMillis, interpreted, storage, newSteps);
    }

    boolean hasSessions() {
        return steps.stream().anyMatch(s -> s.op().equals("session"));
    }

    long statementCount() {
        return steps.stream().filter(s -> s.op().equals("sql")).count();
    }

    /** The form the Node runner reads. */
    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name).put("binary", binary).put("zone", zone).put("seed", seed).put("timeMillis", timeMillis)
            .put("storage", storage);
        ArrayNode a = o.putArray("steps");
        for (Step s : steps) a.add(s.toJson());
        return o;
    }

    /** The script in the corpus file format, to reproduce a mismatch by hand. */
    String toText() {
        StringBuilder b = new StringBuilder();
        b.append("--! binary ").append(binary).append('\n');
        b.append("--! zone ").append(zone).append('\n');
        b.append("--! seed ").append(seed).append('\n');
        b.append("--! time ").append(Instant.ofEpochMilli(timeMillis)).append('\n');
        if (storage.equals("file")) b.append("--! storage file\n");
        for (Step s : steps) b.append(s.toText()).append('\n');
        return b.toString();
    }

    /** One step of a script. {@code op} is sql, serialize or session. */
    record Step(String op, String sql, List<Param> params, String action, List<String> tables) {
        /** A statement; it is given its terminating semicolon, as the file format needs one. */
        static Step sql(String sql, List<Param> params) {
            String terminated = sql.stripTrailing().endsWith(";") ? sql : sql + ";";
            return new Step("sql", terminated, List.copyOf(params), null, null);
        }

        static Step serialize() {
            return new Step("serialize", null, null, null, null);
        }

        static Step session(String action, List<String> tables) {
            return new Step("session", null, null, action, tables == null || tables.isEmpty() ? null : List.copyOf(tables));
        }

        ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode().put("op", op);
            if (sql != null) o.put("sql", sql);
            if (params != null && !params.isEmpty()) {
                ArrayNode a = o.putArray("params");
                for (Param p : params) a.add(p.toJson());
            }
            if (action != null) o.put("action", action);
            if (tables != null) {
                ArrayNode a = o.putArray("tables");
                tables.forEach(a::add);
            }
            return o;
        }

        String toText() {
            switch (op) {
                case "sql":
                    String p = params.isEmpty() ? "" : "--! params " + String.join(" ", params.stream().map(Param::toText).toList()) + "\n";
                    return p + sql;
                case "serialize":
                    return "--! serialize";
                default:
                    return "--! session " + action + (tables == null ? "" : " " + String.join(" ", tables));
            }
        }
    }
}
