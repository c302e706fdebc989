package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 3: a wasm memory growth that the Java heap cannot satisfy fails as wasm's
 * {@code memory.grow} does, SQLite reports SQLITE_NOMEM, and the runtime keeps working. Before:
 * the memory's size was updated before the copy ran out of heap, the OutOfMemoryError escaped
 * from inside wasm code and the shell printed "Self-suppression not permitted". Runs in a child JVM
 * with a small heap, so that exhausting it harms no other test.
 */
class HeapExhaustionTest {
    @Test
    void aGrowthTheHeapCannotHoldIsSqliteNomemAndTheRuntimeGoesOn() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Child.class.getName())
            .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        assertEquals(List.of("error SQLITE_NOMEM failed=false", "after ok", "mem ok"), lines);
    }

    /** The child: one allocation far beyond its heap, then ordinary statements on the same runtime. */
    public static final class Child {
        public static void main(String[] args) {
            try (SqliteRuntime rt = SqliteRuntime.create(); Database db = rt.open(":memory:")) {
                try (Statement st = db.prepare("select length(randomblob(600000000))")) {
                    st.step();
                    System.out.println("no error: " + st.getText(0));
                } catch (SqliteException e) {
                    System.out.println("error " + (e.resultCode() == ResultCode.SQLITE_NOMEM ? "SQLITE_NOMEM" : "code " + e.resultCode()) + " failed=" + rt.isFailed());
                }
                try (Statement st = db.prepare("select 'after ok'")) {
                    st.step();
                    System.out.println(st.getText(0));
                }
                db.exec("create table t(b); insert into t values (randomblob(1000000))");
                try (Statement st = db.prepare("select case when length(b) = 1000000 then 'mem ok' end from t")) {
                    st.step();
                    System.out.println(st.getText(0));
                }
            }
        }
    }
}
