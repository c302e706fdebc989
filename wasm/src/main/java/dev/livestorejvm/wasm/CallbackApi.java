package dev.livestorejvm.wasm;

import static dev.livestorejvm.wasm.WasmExport.*;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * SQLite's callback APIs on one module, in Java types: user functions, collations, hooks, the
 * progress handler, the authorizer and {@code sqlite3changeset_apply}. Each registration is a relay
 * target under its own key; replacing or removing a callback, or closing its connection
 * ({@link #closed(int)}), removes the target, so that the relay table does not grow.
 *
 * <p>The Java callbacks passed here must not throw: they answer with SQLite's codes. (The relay
 * catches what escapes anyway and answers {@code SQLITE_ERROR}.) Not thread-safe, like the module.
 */
public final class CallbackApi {
    /** {@code SQLITE_UTF8} */
    public static final int UTF8 = 1;
    /** {@code SQLITE_DETERMINISTIC} */
    public static final int DETERMINISTIC = 0x800;
    /** {@code SQLITE_INNOCUOUS} */
    public static final int INNOCUOUS = 0x200000;
    private static final int TRANSIENT = -1;

    private final WasmInstance wasm;
    private final Relay relay;
    private final CallbackKeys keys;

    CallbackApi(WasmInstance wasm, Relay relay) {
        this.wasm = wasm;
        this.relay = relay;
        this.keys = new CallbackKeys(wasm, relay);
    }

    /** The Java side of a user function: arguments arrive converted (Long, Double, String, byte[] or null). */
    public interface FunctionTarget {
        /** xFunc of a scalar function. */
        void call(int ctx, Object[] args);

        /** xStep of an aggregate. */
        void step(int ctx, Object[] args);

        /** xFinal of an aggregate. */
        void finish(int ctx);
    }

    public interface UpdateListener {
        /** {@code op}: SQLITE_INSERT 18, SQLITE_DELETE 9, SQLITE_UPDATE 23. */
        void onUpdate(int op, String db, String table, long rowid);
    }

    public interface AuthorizerCallback {
        /** Answers SQLITE_OK 0, SQLITE_DENY 1 or SQLITE_IGNORE 2. */
        int authorize(int action, String p3, String p4, String db, String trigger);
    }

    /** Called by {@link SqliteModule#closeV2} once a connection is closed: its callbacks leave the relay. */
    void closed(int db) {
        keys.closed(db);
    }

    // ---- user functions ----

    /**
     * {@code sqlite3_create_function_v2} through the binary's adapter. {@code target} null deletes the
     * function; {@code aggregate} selects xStep/xFinal instead of xFunc. {@code flags}: {@link #UTF8}
     * with {@link #DETERMINISTIC} and the like.
     */
    public int createFunction(int db, String name, int nArg, int flags, boolean aggregate, FunctionTarget target) {
        String slot = "function:" + name.toLowerCase(Locale.ROOT) + "/" + nArg;
        int zName = wasm.cString(name);
        try {
            if (target == null) {
                int rc = wasm.callInt(libfunction_create_function, db, zName, nArg, flags, 0, 0, 0, 0);
                if (rc == 0) keys.bind(db, slot, 0, true);
                return rc;
            }
            int key = keys.newKey(functionTarget(target));
            int rc = wasm.callInt(libfunction_create_function, db, zName, nArg, flags, key,
                aggregate ? 0 : 1, aggregate ? 1 : 0, aggregate ? 1 : 0);
            // SQLite owns the key from here: it frees it (xDestroy) on failure, replacement or close.
            if (rc == 0) keys.bind(db, slot, key, true); else keys.discard(key, true);
            return rc;
        } finally {
            wasm.free(zName);
        }
    }

    private RelayTarget functionTarget(FunctionTarget target) {
        return new RelayTarget() {
            @Override
            public boolean hasMethods() {
                return true;
            }

            @Override
            public int invoke(String method, long[] a, int first) {
                int ctx = (int) a[first];
                switch (method) {
                    case "xFunc": target.call(ctx, values((int) a[first + 1], (int) a[first + 2])); break;
                    case "xStep": target.step(ctx, values((int) a[first + 1], (int) a[first + 2])); break;
                    case "xFinal": target.finish(ctx); break;
                    default: throw new IllegalStateException("unknown function method " + method);
                }
                return 0;
            }
        };
    }

    /** The values of {@code sqlite3_value *argv[argc]} as Long, Double, String, byte[] or null. */
    Object[] values(int argc, int argv) {
        Object[] out = new Object[argc];
        for (int i = 0; i < argc; i++) out[i] = value(wasm.memory.readInt(argv + 4 * i));
        return out;
    }

    private Object value(int v) {
        HotCalls hot = wasm.hot;
        switch (hot.sqlite3_value_type(v)) {
            case 1: return wasm.i64(hot.sqlite3_value_int64(v));
            case 2: return hot.sqlite3_value_double(v);
            case 3: {
                int p = hot.sqlite3_value_text(v);
                return p == 0 ? "" : wasm.readUtf8(p, hot.sqlite3_value_bytes(v));
            }
            case 4: {
                int p = hot.sqlite3_value_blob(v);
                int n = hot.sqlite3_value_bytes(v);
                return p == 0 || n == 0 ? new byte[0] : wasm.memory.readBytes(p, n);
            }
            default: return null;
        }
    }

    /** Sets a function's result from a Long/Integer/Short/Byte, Double/Float, Boolean, String, byte[] or null. */
    public void result(int ctx, Object value) {
        HotCalls hot = wasm.hot;
        if (value == null) {
            hot.sqlite3_result_null(ctx);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            hot.sqlite3_result_int64(ctx, (int) v, (int) (v >>> 32));   // i64 legalized: lo, hi
        } else if (value instanceof Double || value instanceof Float) {
            hot.sqlite3_result_double(ctx, ((Number) value).doubleValue());
        } else if (value instanceof Boolean) {
            hot.sqlite3_result_int64(ctx, (Boolean) value ? 1 : 0, 0);
        } else if (value instanceof String) {
            // SQLITE_TRANSIENT: SQLite copies before returning, so the reused buffer serves (no callback runs meanwhile)
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            hot.sqlite3_result_text(ctx, wasm.scratch(utf8), utf8.length, TRANSIENT);
        } else if (value instanceof byte[]) {
            byte[] b = (byte[]) value;
            hot.sqlite3_result_blob(ctx, wasm.scratch(b), b.length, TRANSIENT);
        } else {
            resultError(ctx, "a function returned a " + value.getClass().getName() + ", which has no SQLite type");
        }
    }

    /** {@code sqlite3_result_error}: the statement fails with SQLITE_ERROR and this message. */
    public void resultError(int ctx, String message) {
        byte[] utf8 = (message == null ? "error in a user function" : message).getBytes(StandardCharsets.UTF_8);
        int p = wasm.bytes(utf8);
        try {
            wasm.call(sqlite3_result_error, ctx, p, utf8.length);
        } finally {
            wasm.free(p);
        }
    }

    /**
     * The int that {@code sqlite3_aggregate_context} keeps for the current group: 0 at first; with
     * {@code create} false, 0 also when the group never had a row (nothing is allocated then).
     */
    public int aggregateSlot(int ctx, boolean create) {
        int p = wasm.callInt(sqlite3_aggregate_context, ctx, create ? 4 : 0);
        return p == 0 ? 0 : wasm.memory.readInt(p);
    }

    /** Stores {@code value} in the group's int (see {@link #aggregateSlot}); false if out of memory. */
    public boolean setAggregateSlot(int ctx, int value) {
        int p = wasm.callInt(sqlite3_aggregate_context, ctx, 4);
        if (p == 0) return false;
        wasm.memory.writeI32(p, value);
        return true;
    }

    // ---- collations ----

    /** {@code sqlite3_create_collation_v2} with a Java comparator of the two UTF-8 strings; null deletes it. */
    public int createCollation(int db, String name, Comparator<String> compare) {
        String slot = "collation:" + name.toLowerCase(Locale.ROOT);
        int zName = wasm.cString(name);
        try {
            if (compare == null) {
                int rc = wasm.callInt(sqlite3_create_collation_v2, db, zName, UTF8, 0, 0, 0);
                if (rc == 0) keys.bind(db, slot, 0, false);
                return rc;
            }
            int key = keys.newKey((method, a, first) -> compare.compare(
                wasm.readUtf8((int) a[first + 1], (int) a[first]), wasm.readUtf8((int) a[first + 3], (int) a[first + 2])));
            // no xDestroy: the key stays ours, released on replacement or close
            int rc = wasm.callInt(sqlite3_create_collation_v2, db, zName, UTF8, key, wasm.slots.pointer(RelaySlots.Slot.COMPARE), 0);
            if (rc == 0) keys.bind(db, slot, key, false); else keys.discard(key, false);
            return rc;
        } finally {
            wasm.free(zName);
        }
    }

    // ---- hooks ----

    /** Commit hook: non-zero turns the COMMIT into a ROLLBACK. Null removes it. */
    public void commitHook(int db, IntSupplier hook) {
        int key = hook == null ? 0 : keys.newKey((m, a, first) -> hook.getAsInt());
        wasm.call(libhook_commit_hook, db, hook == null ? 0 : 1, key);
        keys.bind(db, "commit", key, false);
    }

    public void rollbackHook(int db, Runnable hook) {
        int key = hook == null ? 0 : keys.newKey((m, a, first) -> {
            hook.run();
            return 0;
        });
        wasm.call(sqlite3_rollback_hook, db, hook == null ? 0 : wasm.slots.pointer(RelaySlots.Slot.VOID_CALLBACK), key);
        keys.bind(db, "rollback", key, false);
    }

    public void updateHook(int db, UpdateListener hook) {
        int key = hook == null ? 0 : keys.newKey((m, a, first) -> {
            // (pApp, op, zDb, zTbl, rowid lo, rowid hi) after the key
            hook.onUpdate((int) a[first + 1], wasm.readCString((int) a[first + 2]), wasm.readCString((int) a[first + 3]),
                WasmInstance.joinI64(a[first + 4], a[first + 5]));
            return 0;
        });
        wasm.call(libhook_update_hook, db, hook == null ? 0 : 1, key);
        keys.bind(db, "update", key, false);
    }

    /** Calls {@code handler} every {@code nOps} virtual-machine steps; non-zero interrupts the statement. */
    public void progressHandler(int db, int nOps, IntSupplier handler) {
        int key = handler == null ? 0 : keys.newKey((m, a, first) -> handler.getAsInt());
        wasm.call(libprogress_progress_handler, db, nOps, handler == null ? 0 : 1, key);
        keys.bind(db, "progress", key, false);
    }

    public int authorizer(int db, AuthorizerCallback auth) {
        int key = auth == null ? 0 : keys.newKey((m, a, first) -> auth.authorize((int) a[first + 1],
            wasm.readCString((int) a[first + 2]), wasm.readCString((int) a[first + 3]),
            wasm.readCString((int) a[first + 4]), wasm.readCString((int) a[first + 5])));
        int rc = wasm.callInt(libauthorizer_set_authorizer, db, auth == null ? 0 : 1, key);
        if (rc == 0) keys.bind(db, "authorizer", key, false); else if (key != 0) keys.discard(key, false);
        return rc;
    }

    // ---- changesets ----

    /**
     * {@code sqlite3changeset_apply}. {@code filter} (null: every table) says whether to apply a
     * table's changes; {@code conflict} maps a conflict kind (SQLITE_CHANGESET_DATA 1, NOTFOUND 2,
     * CONFLICT 3, CONSTRAINT 4, FOREIGN_KEY 5) to OMIT 0, REPLACE 1 or ABORT 2.
     */
    public int changesetApply(int db, byte[] changeset, Predicate<String> filter, IntUnaryOperator conflict) {
        int key = keys.newKey((m, a, first) -> a.length == 2
            ? (filter.test(wasm.readCString((int) a[first])) ? 1 : 0)   // xFilter(pCtx, zTab)
            : conflict.applyAsInt((int) a[first]));                      // xConflict(pCtx, eConflict, pIter)
        int p = wasm.bytes(changeset);
        try {
            return wasm.callInt(sqlite3changeset_apply, db, changeset.length, p,
                filter == null ? 0 : wasm.slots.pointer(RelaySlots.Slot.FILTER), wasm.slots.pointer(RelaySlots.Slot.CONFLICT), key);
        } finally {
            wasm.free(p);
            keys.discard(key, false);
        }
    }
}
