package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 6: {@link Database#transaction} used by 8 threads on one connection. Before, the
 * threads' transactions nested into each other through a shared savepoint counter and failed with
 * "no such savepoint: livestore_jvm_sp1".
 */
class TransactionThreadsTest {
    @Test
    void eightThreadsEachCommitTheirOwnTransactions() throws Exception {
        try (SqliteRuntime rt = SqliteRuntime.create(); Database db = rt.open(":memory:")) {
            db.exec("create table t(thread, i)");
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                int thread = n;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 40; i++) {
                            int k = i;
                            db.transaction(() -> {
                                db.execute("insert into t values (?, ?)", thread, k);
                                if (k % 3 == 0) {
                                    // nested: a savepoint, rolled back by its exception
                                    try {
                                        db.transaction(() -> {
                                            db.execute("insert into t values (?, ?)", thread, -1);
                                            throw new IllegalStateException("undo the nested one");
                                        });
                                    } catch (IllegalStateException expected) {
                                        // the outer transaction goes on
                                    }
                                }
                                Thread.yield();
                            });
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (Thread t : threads) t.start();
            for (Thread t : threads) t.join();
            assertTrue(errors.isEmpty(), () -> "errors: " + errors);
            try (Statement st = db.prepare("select count(*), sum(i < 0) from t")) {
                assertTrue(st.step());
                assertEquals(8 * 40, st.getLong(0));
                assertEquals(0, st.getLong(1), "every nested savepoint was rolled back");
            }
            assertTrue(db.autocommit());
        }
    }
}
