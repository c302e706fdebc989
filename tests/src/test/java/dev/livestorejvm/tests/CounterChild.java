package dev.livestorejvm.tests;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.TransactionMode;

/** Child process: increments a shared counter n times, each in its own write transaction. */
public final class CounterChild {
    public static void main(String[] args) {
        String file = args[0];
        int n = Integer.parseInt(args[1]);
        try (SqliteRuntime runtime = SqliteRuntime.create(); Database db = runtime.open(file)) {
            db.busyTimeout(60_000);
            db.exec("PRAGMA synchronous=OFF");   // this test is about exclusion, not durability
            for (int i = 0; i < n; i++) {
                db.transaction(TransactionMode.IMMEDIATE, () -> db.execute("UPDATE counter SET v = v + 1"));
            }
        }
    }
}
