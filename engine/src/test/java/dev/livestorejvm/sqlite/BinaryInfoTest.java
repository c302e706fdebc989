package dev.livestorejvm.sqlite;

import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.wasm.WasmBinary;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryInfoTest {
    @Test
    void reportsTheVerifiedPackageAndWhatTheBinarySays() throws Exception {
        SqliteBinaryInfo info = Sqlite.binaryInfo();
        assertEquals("@livestore/wa-sqlite", info.packageName());
        assertEquals("0.4.0", info.packageVersion());
        assertEquals("sha512-ds2hA8C4tcXki+ANK9A8x6BH3/rutC7yMtyaei5cm3fRtuQw8fpGQ9Tlts9qEJ1al88qQoNlraOgrpgl3/ZqRA==", info.integrity());
        assertEquals("dist/wa-sqlite.wasm", info.sourcePath());
        assertEquals("3.50.4", info.sqliteVersion());
        assertTrue(info.sourceId().startsWith("2025-"), info.sourceId());
        // the recorded hash is the hash of the bytes the jar carries
        try (InputStream in = dev.livestorejvm.wasm.BinaryInfo.class.getResourceAsStream("binary/default.wasm")) {
            byte[] wasm = in.readAllBytes();
            assertEquals(619_011, wasm.length);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wasm)), info.sha256());
        }
    }

    @Test
    void compileOptionsHaveTheExtensionsLiveStoreNeeds() {
        try (Database db = Sqlite.open(":memory:")) {
            List<String> options = db.compileOptions();
            assertTrue(options.contains("ENABLE_SESSION"), options::toString);
            assertTrue(options.contains("ENABLE_PREUPDATE_HOOK"), options::toString);
            assertTrue(options.contains("ENABLE_BYTECODE_VTAB"), options::toString);
            assertTrue(options.contains("THREADSAFE=0"), options::toString);
            assertEquals(options, db.runtime().compileOptions());
            try (Statement st = db.prepare("select sqlite_version(), sqlite_source_id()")) {
                assertTrue(st.step());
                assertEquals("3.50.4", st.getText(0));
                assertEquals(db.runtime().binaryInfo().sourceId(), st.getText(1));
            }
        }
    }

    @Test
    void theFts5BinaryIsSelectable() {
        try (SqliteRuntime rt = SqliteRuntime.builder().binary(WasmBinary.FTS5).build();
             Database db = rt.open(":memory:")) {
            assertEquals(WasmBinary.FTS5, rt.binaryInfo().binary());
            assertEquals("dist/fts5/wa-sqlite.wasm", rt.binaryInfo().sourcePath());
            assertTrue(db.compileOptions().contains("ENABLE_FTS5"));
            db.exec("create virtual table docs using fts5(body); insert into docs values ('the quick brown fox'), ('lazy dogs')");
            try (Statement st = db.prepare("select body from docs where docs match 'quick'")) {
                assertTrue(st.step());
                assertEquals("the quick brown fox", st.getText(0));
                assertFalse(st.step());
            }
        }
        try (Database db = Sqlite.open(":memory:")) {
            SqliteException e = assertThrows(SqliteException.class, () -> db.exec("create virtual table d using fts5(x)"));
            assertTrue(e.getMessage().contains("no such module: fts5"), e.getMessage());
        }
    }
}
