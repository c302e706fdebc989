package dev.livestorejvm.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livestorejvm.sqlite.ColumnType;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import dev.livestorejvm.vfs.VfsException;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_INTERNAL;
import dev.livestorejvm.wasm.ExecutionMode;
import dev.livestorejvm.wasm.WasmBinary;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs scripts on this engine through its public API, recording exactly what runner.mjs records on
 * Node (keep the two in step). One runtime per binary and execution mode serves every script; each
 * script gets a fresh database, the script's seed (SQLITE_TESTCTRL_PRNG_SEED, as on Node) and the
 * script's instant and zone on the runtime's clock (read by the Java VFS's xCurrentTimeInt64 and
 * the emscripten_date_now and _localtime_js imports).
 */
final class JvmRunner implements AutoCloseable {
    private final AtomicLong files = new AtomicLong();
    private final SettableClock clock = new SettableClock(Script.DEFAULT_TIME, ZoneId.of("UTC"));
    private final Map<ExecutionMode, Map<String, SqliteRuntime>> runtimes = new EnumMap<>(ExecutionMode.class);

    private SqliteRuntime runtime(String binary, ExecutionMode mode) {
        return runtimes.computeIfAbsent(mode, m -> new HashMap<>()).computeIfAbsent(binary, b -> SqliteRuntime.builder()
            .binary(b.equals("fts5") ? WasmBinary.FTS5 : WasmBinary.DEFAULT)
            .mode(mode)
            .clock(clock)
            .build());
    }

    /** The records of one run. */
    ArrayNode run(Script script, ExecutionMode mode, boolean full) {
        try {
            return runOn(runtime(script.binary(), mode), script, full);
        } catch (SqliteException e) {
            if (e.resultCode() == SQLITE_INTERNAL) {   // the module stopped (trap, abort): later scripts get a new one
                SqliteRuntime broken = runtimes.get(mode).remove(script.binary());
                if (broken != null) {
                    try {
                        broken.close();
                    } catch (SqliteException alsoBroken) {
                        e.addSuppressed(alsoBroken);   // its connections cannot be closed any more
                    }
                }
            }
            throw e;
        }
    }

    private ArrayNode runOn(SqliteRuntime runtime, Script script, boolean full) {
        clock.set(script.timeMillis(), ZoneId.of(script.zone()));
        runtime.seedRandomnessForTesting(script.seed());
        ArrayNode records = Script.JSON.createArrayNode();
        String file = script.storage().equals("file") ? "differential-" + files.incrementAndGet() + ".db" : ":memory:";
        String open = file.equals(":memory:") ? file : "file:" + file + "?vfs=" + SqliteRuntime.MEMORY_VFS;
        SessionSteps session = new SessionSteps(runtime);
        try (session; Database db = runtime.open(open)) {
            for (Script.Step step : script.steps()) {
                switch (step.op()) {
                    case "sql": records.add(sql(db, step)); break;
                    case "serialize": records.add(images(db, full)); break;
                    default: records.add(session.step(db, step));
                }
            }
            records.add(images(db, full));
        } finally {
            if (!file.equals(":memory:")) deleteFiles(runtime, file);
        }
        return records;
    }

    private static void deleteFiles(SqliteRuntime runtime, String file) {
        for (String name : Set.copyOf(runtime.memoryVfs().fileNames())) {
            if (name.startsWith(file)) {
                try {
                    runtime.memoryVfs().delete(name, false);
                } catch (VfsException e) {
                    throw new IllegalStateException("cannot delete " + name + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static ObjectNode sql(Database db, Script.Step step) {
        ObjectNode r = Script.JSON.createObjectNode();
        Statement st;
        try {
            st = db.prepare(step.sql());
        } catch (SqliteException e) {
            if (e.resultCode() == SQLITE_INTERNAL && e.getCause() != null) throw e;   // a trap, not an answer
            r.set("prep", error(e));
            return r;
        }
        try (st) {
            try {
                for (int i = 0; i < step.params().size(); i++) bind(st, i + 1, step.params().get(i));
            } catch (SqliteException e) {
                r.set("bind", error(e));
            }
            if (!r.has("bind")) {
                List<String> names = st.columnNames();
                ArrayNode cols = r.putArray("cols");
                names.forEach(cols::add);
                ArrayNode rows = r.putArray("rows");
                try {
                    while (st.step()) {
                        ArrayNode row = rows.addArray();
                        for (int c = 0; c < names.size(); c++) row.add(cell(st, c));
                    }
                } catch (SqliteException e) {
                    if (e.resultCode() == SQLITE_INTERNAL && e.getCause() != null) throw e;
                    r.set("err", error(e));
                }
            }
        }
        r.put("changes", Long.toString(db.changes()));
        r.put("total", Long.toString(db.totalChanges()));
        r.put("rowid", Long.toString(db.lastInsertRowid()));
        r.put("auto", db.autocommit() ? 1 : 0);
        return r;
    }

    private static void bind(Statement st, int position, Param p) {
        int i = position;
        if (p.name() != null) {
            try {
                i = st.parameterIndex(p.name());
            } catch (SqliteException unknown) {
                i = 0;   // as sqlite3_bind_parameter_index answers: binding it fails with SQLITE_RANGE
            }
        }
        switch (p.type()) {
            case "null": st.bindNull(i); break;
            case "int": st.bindLong(i, p.integer()); break;
            case "real": st.bindDouble(i, p.real()); break;
            case "text": st.bindText(i, ScriptParser.utf8(p.bytes())); break;
            case "blob": st.bindBlob(i, p.bytes()); break;
            case "zeroblob": st.bindZeroBlob(i, (int) p.integer()); break;
            default: throw new IllegalArgumentException(p.type());
        }
    }

    private static String cell(Statement st, int c) {
        ColumnType t = st.columnType(c);
        switch (t) {
            case INTEGER: return "i:" + st.getLong(c);
            case FLOAT: return "r:" + String.format("%016x", Double.doubleToRawLongBits(st.getDouble(c)));
            case TEXT: return "t:" + Param.HEX.formatHex(st.getBlob(c));   // the stored UTF-8 bytes, undecoded
            case BLOB: return "b:" + Param.HEX.formatHex(st.getBlob(c));
            default: return "n";
        }
    }

    private static ObjectNode error(SqliteException e) {
        return Script.JSON.createObjectNode().put("code", e.extendedCode()).put("msg", e.sqliteMessage()).put("off", e.errorOffset());
    }

    private static ObjectNode images(Database db, boolean full) {
        List<String> schemas = new ArrayList<>();
        try (Statement st = db.prepare("PRAGMA database_list")) {
            while (st.step()) schemas.add(st.getText(1));
        }
        ObjectNode r = Script.JSON.createObjectNode();
        ArrayNode a = r.putArray("images");
        for (String schema : schemas) {
            byte[] image = db.serialize(schema);
            ObjectNode o = a.addObject().put("schema", schema).put("len", image.length).put("sha256", sha256(image));
            if (full) o.put("hex", Param.HEX.formatHex(image));
        }
        return r;
    }

    static String sha256(byte[] b) {
        try {
            return Param.HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        runtimes.values().forEach(m -> m.values().forEach(SqliteRuntime::close));
    }
}
