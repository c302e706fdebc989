package dev.livestorejvm.sqlite;

import static dev.livestorejvm.vfs.ResultCodes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.livestorejvm.vfs.OpenFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenFlagsTest {
    @Test
    void readOnlyCreateAndUriFlags() {
        try (SqliteRuntime rt = SqliteRuntime.create()) {
            try (Database rw = rt.open("file:flags.db?vfs=memory")) {
                rw.exec("create table t(x); insert into t values (1)");
            }
            try (Database ro = rt.open("file:flags.db?vfs=memory", OpenFlags.READONLY | OpenFlags.URI)) {
                assertTrue(ro.readOnly());
                assertEquals(List.of(List.of("i:1")), QueryResults.rows(ro, "select x from t"));
                SqliteException e = assertThrows(SqliteException.class, () -> ro.execute("insert into t values (2)"));
                assertEquals(SQLITE_READONLY, e.resultCode());
            }
            // the same name on the memory VFS chosen by argument instead of URI
            try (Database byVfs = rt.open("flags.db", OpenFlags.READWRITE, SqliteRuntime.MEMORY_VFS)) {
                assertEquals(List.of(List.of("i:1")), QueryResults.rows(byVfs, "select count(*) from t"));
            }
            // without CREATE a missing database is not created
            SqliteException missing = assertThrows(SqliteException.class, () -> rt.open("nothing.db", OpenFlags.READWRITE, SqliteRuntime.MEMORY_VFS));
            assertEquals(SQLITE_CANTOPEN, missing.resultCode());
            assertFalse(rt.memoryVfs().fileNames().contains("nothing.db"));
            // without URI, a file: name is taken literally
            try (Database literal = rt.open("file:x.db?vfs=nope", OpenFlags.READWRITE | OpenFlags.CREATE, SqliteRuntime.MEMORY_VFS)) {
                literal.exec("create table y(z)");
            }
            assertTrue(rt.memoryVfs().fileNames().contains("file:x.db?vfs=nope"));
        }
    }
}
