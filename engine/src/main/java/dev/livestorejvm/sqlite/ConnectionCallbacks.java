package dev.livestorejvm.sqlite;

import dev.livestorejvm.wasm.CallbackApi;
import dev.livestorejvm.wasm.WasmAbort;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The Java callbacks of one connection, adapted to the module's {@link CallbackApi}. Every
 * callback runs through {@link #guard}: while it runs, the connection refuses calls (a callback
 * that uses its own connection gets SQLITE_MISUSE, never a half-run statement underneath it), and
 * an exception it throws is kept here, to become the cause of the error that the running call
 * reports, while SQLite gets an answer that fails or stops the operation.
 */
final class ConnectionCallbacks {
    private final Database db;
    private final CallbackApi api;
    private int depth;
    private Throwable pending;

    ConnectionCallbacks(Database db) {
        this.db = db;
        this.api = db.module.callbacks();
    }

    boolean running() {
        return depth > 0;
    }

    /** The exception a callback threw during the current call, if any (then cleared). */
    Throwable takePending() {
        Throwable t = pending;
        pending = null;
        return t;
    }

    /** Runs a callback; if it throws, keeps the exception, optionally interrupts the statement, answers {@code onError}. */
    private <T> T guard(Callable<T> body, T onError, boolean interrupt) {
        depth++;
        try {
            return body.call();
        } catch (Exception | Error e) {
            keep(e);
            if (interrupt) db.module.interrupt(db.handle);
            return onError;
        } finally {
            depth--;
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    // ---- functions ----

    int createFunction(String name, int nArg, int flags, ScalarFunction f) {
        return api.createFunction(db.handle, name, nArg, flags, false, f == null ? null : new CallbackApi.FunctionTarget() {
            @Override
            public void call(int ctx, Object[] args) {
                depth++;
                try {
                    api.result(ctx, f.apply(args));
                } catch (Exception | Error e) {
                    functionError(ctx, e);
                } finally {
                    depth--;
                }
            }

            @Override
            public void step(int ctx, Object[] args) {
                throw new IllegalStateException("xStep on a scalar function");
            }

            @Override
            public void finish(int ctx) {
                throw new IllegalStateException("xFinal on a scalar function");
            }
        });
    }

    <S> int createAggregate(String name, int nArg, int flags, AggregateFunction<S> f) {
        if (f == null) return api.createFunction(db.handle, name, nArg, flags, true, null);
        // A group's state lives here, under an id kept in the group's aggregate context.
        Map<Integer, S> states = new HashMap<>();
        int[] nextId = {1};
        return api.createFunction(db.handle, name, nArg, flags, true, new CallbackApi.FunctionTarget() {
            @Override
            public void call(int ctx, Object[] args) {
                throw new IllegalStateException("xFunc on an aggregate");
            }

            @Override
            public void step(int ctx, Object[] args) {
                depth++;
                try {
                    int id = api.aggregateSlot(ctx, true);
                    S state;
                    if (id == 0) {
                        id = nextId[0]++;
                        if (nextId[0] == 0) nextId[0] = 1;
                        if (!api.setAggregateSlot(ctx, id)) throw new OutOfMemoryError("sqlite3_aggregate_context failed");
                        state = f.start();
                    } else {
                        state = states.get(id);
                    }
                    states.put(id, f.step(state, args));
                } catch (Exception | Error e) {
                    functionError(ctx, e);
                } finally {
                    depth--;
                }
            }

            @Override
            public void finish(int ctx) {
                depth++;
                try {
                    int id = api.aggregateSlot(ctx, false);
                    S state = id == 0 ? f.start() : states.remove(id);
                    api.result(ctx, f.finish(state));
                } catch (Exception | Error e) {
                    functionError(ctx, e);
                } finally {
                    depth--;
                }
            }
        });
    }

    private void functionError(int ctx, Throwable e) {
        keep(e);
        api.resultError(ctx, message(e));
    }

    /** Keeps a callback's exception for the caller; if the module itself stopped meanwhile, unwinds it all. */
    private void keep(Throwable e) {
        if (db.module.failed()) throw new WasmAbort("the SQLite module stopped inside a callback", e);
        if (pending == null) pending = e; else if (pending != e) pending.addSuppressed(e);
    }

    int createCollation(String name, Comparator<String> c) {
        // An exception cannot fail a comparison: it interrupts the statement instead.
        return api.createCollation(db.handle, name, c == null ? null : (a, b) -> guard(() -> c.compare(a, b), 0, true));
    }

    // ---- hooks ----

    void updateHook(UpdateHook hook) {
        api.updateHook(db.handle, hook == null ? null : (op, schema, table, rowid) ->
            guard(() -> {
                hook.onUpdate(Operation.of(op), schema, table, rowid);
                return null;
            }, null, false));
    }

    void commitHook(CommitHook hook) {
        api.commitHook(db.handle, hook == null ? null : () -> guard(() -> hook.allowCommit() ? 0 : 1, 1, false));
    }

    void rollbackHook(Runnable hook) {
        api.rollbackHook(db.handle, hook == null ? null : () -> guard(() -> {
            hook.run();
            return null;
        }, null, false));
    }

    void progressHandler(int nOps, ProgressHandler h) {
        api.progressHandler(db.handle, nOps, h == null ? null : () -> guard(() -> h.shouldInterrupt() ? 1 : 0, 1, false));
    }

    int authorizer(Authorizer a) {
        return api.authorizer(db.handle, a == null ? null : (action, p3, p4, schema, trigger) ->
            guard(() -> a.authorize(action, p3, p4, schema, trigger).ordinal(), Authorizer.Decision.DENY.ordinal(), false));
    }

    // ---- changesets ----

    /** Applies; a filter that threw makes every later table skipped and every conflict ABORT. */
    int apply(byte[] changeset, Predicate<String> filter, ConflictHandler handler) {
        boolean[] failed = {false};
        Predicate<String> f = filter == null ? null : table -> {
            if (failed[0]) return false;
            Boolean ok = guard(() -> filter.test(table), null, false);
            if (ok == null) failed[0] = true;
            return ok != null && ok;
        };
        return api.changesetApply(db.handle, changeset, f, kind -> {
            if (failed[0]) return ConflictAction.ABORT.code();
            ConflictAction a = guard(() -> java.util.Objects.requireNonNull(handler.onConflict(ConflictKind.of(kind)),
                "the conflict handler answered null"), null, false);
            if (a == null) failed[0] = true;
            return a == null ? ConflictAction.ABORT.code() : a.code();
        });
    }
}
