package dev.livestorejvm.wasm;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.MemoryVfs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqliteModuleSmokeTest {
    @Test
    void opensQueriesAndReportsVersion() {
        long t0 = System.nanoTime();
        SqliteModule m = SqliteModule.load(SqliteModule.Options.defaults());
        System.out.println("load ms " + (System.nanoTime() - t0) / 1e6);
        for (String e : new String[] {"sqlite3_malloc64", "sqlite3_bind_int64", "sqlite3_column_int64", "sqlite3_bind_double", "sqlite3_changes64"}) {
            WasmExport x = WasmExport.valueOf(e);
        }
        assertEquals("3.50.4", m.libversion());
        assertEquals(0, m.registerVfs("memory", new MemoryVfs(), true));
        SqliteModule.Opened o = m.openV2("test.db", 0x6, null);
        assertEquals(0, o.rc(), () -> m.errmsg(o.db()));
        assertEquals(0, m.exec(o.db(), "create table t(a integer, b text); insert into t values(5000000000, 'hé'), (-7, null)"));
        byte[] sql = "select a, b, a*2.5 from t order by a".getBytes(StandardCharsets.UTF_8);
        SqliteModule.Prepared p = m.prepareV3(o.db(), sql, 0, 0);
        assertEquals(0, p.rc());
        assertEquals(100, m.step(p.stmt()));
        assertEquals(-7, m.columnInt64(p.stmt(), 0));
        assertNull(m.columnText(p.stmt(), 1));
        assertEquals(100, m.step(p.stmt()));
        assertEquals(5000000000L, m.columnInt64(p.stmt(), 0));
        assertEquals("hé", m.columnText(p.stmt(), 1));
        assertEquals(12500000000.0, m.columnDouble(p.stmt(), 2));
        assertEquals(101, m.step(p.stmt()));
        assertEquals(0, m.finalizeStmt(p.stmt()));
        assertEquals(0, m.closeV2(o.db()));
    }
}
