package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livestorejvm.vfs.MemoryVfs;
import dev.livestorejvm.vfs.Vfs;
import dev.livestorejvm.vfs.VfsException;
import dev.livestorejvm.vfs.VfsFile;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build step RewriteGlobals: the compiled code keeps the stack pointer (global 0) in
 * {@link GlobalSlots#g0}. The differential tests check that the module computes what the binary
 * does; here, that the field is the stack pointer in use (it moves while wasm code runs, comes back
 * after every call) and that nearly every access was rewritten.
 */
class GlobalSlotsTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "fts5"})
    void nearlyEveryAccessOfGlobalZeroIsRewritten(String variant) throws Exception {
        Properties counts = BuildReport.read("rewriteGlobals.dir", "target/rewrite-globals", variant + ".txt");
        int reads = Integer.parseInt(counts.getProperty("reads"));
        int writes = Integer.parseInt(counts.getProperty("writes"));
        int others = Integer.parseInt(counts.getProperty("others"));
        assertTrue(reads > 100 && writes > 100, variant + ": " + counts);
        // the rest are other globals (Emscripten's second one, OutlineWasm's return values)
        assertTrue(others * 20 < reads + writes, variant + ": " + counts);
    }

    @Test
    void theFieldIsTheStackPointerTheCompiledCodeUses() throws Exception {
        List<Long> seenInCalls = new ArrayList<>();
        SqliteModule m = SqliteModule.load(SqliteModule.Options.defaults());
        GlobalSlots slots = slots(m);
        long start = slots.g0;
        assertTrue(start > 0, "stack pointer " + start);
        MemoryVfs files = new MemoryVfs();
        m.registerVfs("watching", new Vfs() {
            @Override
            public VfsFile open(String name, int flags) throws VfsException {
                seenInCalls.add(slots.g0);   // called from inside sqlite3_open_v2 and the statements
                return files.open(name, flags);
            }

            @Override
            public void delete(String name, boolean syncDir) throws VfsException {
                files.delete(name, syncDir);
            }

            @Override
            public boolean access(String name, int flags) {
                return files.access(name, flags);
            }
        }, true);
        SqliteModule.Opened o = m.openV2("t.db", 0x6, null);
        assertEquals(0, o.rc());
        assertEquals(0, m.exec(o.db(), "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) "
            + "SELECT count(*) FROM c; CREATE TABLE t(a); INSERT INTO t VALUES (1)"));
        assertEquals(0, m.closeV2(o.db()));
        assertTrue(!seenInCalls.isEmpty() && seenInCalls.stream().allMatch(sp -> sp < start),
            "the stack grows down from " + start + " while SQLite runs: " + seenInCalls);
        assertEquals(start, slots.g0, "every call gives its stack back");
    }

    private static GlobalSlots slots(SqliteModule m) throws Exception {
        Field f = SqliteModule.class.getDeclaredField("wasm");
        f.setAccessible(true);
        return (GlobalSlots) ((WasmInstance) f.get(m)).memory;
    }
}
