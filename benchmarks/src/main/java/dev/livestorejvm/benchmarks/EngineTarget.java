package dev.livestorejvm.benchmarks;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import dev.livestorejvm.wasm.ExecutionMode;

/** W1 on this engine, through its public API (the same path an application takes). */
final class EngineTarget implements W1Target {
    private final SqliteRuntime runtime;
    private final Database db;

    EngineTarget(ExecutionMode mode) {
        runtime = SqliteRuntime.builder().mode(mode).build();
        db = runtime.open(":memory:");
    }

    @Override
    public void reset() {
        db.exec(DROP);
        db.exec(CREATE);
    }

    @Override
    public void insert(int n) {
        db.exec("BEGIN");
        try (Statement st = db.prepare(INSERT)) {
            for (int i = 1; i <= n; i++) {
                st.bindLong(1, i).bindText(2, W1Target.name(i));
                st.step();
                st.reset();
            }
        }
        db.exec("COMMIT");
    }

    @Override
    public long pointSelects(int n) {
        long sum = 0;
        try (Statement st = db.prepare(SELECT)) {
            for (int i = 1; i <= n; i++) {
                st.bindLong(1, i);
                if (!st.step()) throw new IllegalStateException("row " + i + " missing");
                sum += st.getLong(0) + st.getText(1).length();
                st.reset();
            }
        }
        return sum;
    }

    @Override
    public long likeScan() {
        try (Statement st = db.prepare(LIKE)) {
            st.step();
            return st.getLong(0) + st.getLong(1);
        }
    }

    @Override
    public void update(int n, int round) {
        db.exec("BEGIN");
        try (Statement st = db.prepare(UPDATE)) {
            for (int i = 1; i <= n; i++) {
                st.bindText(1, "upd-" + i + "-" + round).bindLong(2, i);
                st.step();
                st.reset();
            }
        }
        db.exec("COMMIT");
    }

    @Override
    public void close() {
        runtime.close();
    }
}
