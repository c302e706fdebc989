package dev.livestorejvm.vfs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVfsTest {
    static final int MAIN_RW = OpenFlags.READWRITE | OpenFlags.CREATE | OpenFlags.MAIN_DB;
    @TempDir Path dir;

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesReadsAndShortReads() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        Path p = dir.resolve("f.db");
        try (VfsFile f = vfs.open(p.toString(), MAIN_RW)) {
            f.write(bytes("hello world"), 100);
            assertEquals(111, f.size());
            ByteBuffer dst = ByteBuffer.allocate(5);
            assertEquals(5, f.read(dst, 106));
            assertEquals("world", new String(dst.array(), StandardCharsets.UTF_8));
            ByteBuffer tail = ByteBuffer.allocate(20);
            assertEquals(3, f.read(tail, 108), "a read past the end returns what there is");
            assertEquals(0, f.read(ByteBuffer.allocate(4), 500));
            ByteBuffer hole = ByteBuffer.allocate(4);
            assertEquals(4, f.read(hole, 10));
            assertArrayEquals(new byte[4], hole.array(), "a hole reads as zeros");
        }
        assertEquals("hello world", Files.readString(p).substring(100));
    }

    @Test
    void truncateShrinksAndGrows() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        try (VfsFile f = vfs.open(dir.resolve("t").toString(), OpenFlags.READWRITE | OpenFlags.CREATE | OpenFlags.MAIN_JOURNAL)) {
            f.write(bytes("abcdef"), 0);
            f.truncate(3);
            assertEquals(3, f.size());
            f.truncate(4096);
            assertEquals(4096, f.size());
            ByteBuffer b = ByteBuffer.allocate(4);
            f.read(b, 2);
            assertArrayEquals(new byte[] {'c', 0, 0, 0}, b.array());
            f.sync(SyncFlags.FULL);   // also syncs the directory of a created journal
        }
    }

    @Test
    void accessDeleteAndFullPathname() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        Path empty = Files.createFile(dir.resolve("empty-journal"));
        assertFalse(vfs.access(empty.toString(), AccessFlags.EXISTS), "an empty file is not a hot journal");
        Files.writeString(empty, "x");
        assertTrue(vfs.access(empty.toString(), AccessFlags.EXISTS));
        assertTrue(vfs.access(empty.toString(), AccessFlags.READWRITE));
        vfs.delete(empty.toString(), true);
        assertFalse(Files.exists(empty));
        VfsException e = assertThrows(VfsException.class, () -> vfs.delete(empty.toString(), false));
        assertEquals(ResultCodes.SQLITE_IOERR_DELETE_NOENT, e.code());

        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertEquals(real.toRealPath().resolve("x.db").toString(), vfs.fullPathname(link.resolve("x.db").toString()));
        assertTrue(Path.of(vfs.fullPathname("rel.db")).isAbsolute());
    }

    @Test
    void openErrorsNameTheProblem() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        VfsException isDir = assertThrows(VfsException.class, () -> vfs.open(dir.toString(), MAIN_RW));
        assertEquals(ResultCodes.SQLITE_CANTOPEN_ISDIR, isDir.code());
        VfsException noDir = assertThrows(VfsException.class, () -> vfs.open(dir.resolve("nope/x.db").toString(), MAIN_RW));
        assertEquals(ResultCodes.SQLITE_CANTOPEN, noDir.code());
        assertTrue(noDir.getMessage().contains("no such directory"), noDir.getMessage());
        VfsException missing = assertThrows(VfsException.class,
            () -> vfs.open(dir.resolve("missing.db").toString(), OpenFlags.READWRITE | OpenFlags.MAIN_DB));
        assertEquals(ResultCodes.SQLITE_CANTOPEN, missing.code());
        assertFalse(Files.exists(dir.resolve("missing.db")));
    }

    @Test
    void readOnlyOpenReportsReadOnlyFlags() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        Path p = Files.writeString(dir.resolve("ro.db"), "data");
        try (VfsFile f = vfs.open(p.toString(), OpenFlags.READONLY | OpenFlags.MAIN_DB)) {
            assertEquals(OpenFlags.READONLY, f.openedFlags() & (OpenFlags.READONLY | OpenFlags.READWRITE));
            assertEquals(4, f.read(ByteBuffer.allocate(4), 0));
        }
    }

    @Test
    void tempFilesAreUnlinkedAtOnceAndDeleteOnCloseFilesVanish() throws Exception {
        Path temps = Files.createDirectory(dir.resolve("tmp"));
        FileVfs vfs = new FileVfs(temps);
        try (VfsFile t = vfs.open(null, OpenFlags.READWRITE | OpenFlags.CREATE | OpenFlags.DELETEONCLOSE | OpenFlags.TEMP_JOURNAL)) {
            t.write(bytes("spill"), 1 << 20);
            assertEquals((1 << 20) + 5, t.size());
            ByteBuffer b = ByteBuffer.allocate(5);
            t.read(b, 1 << 20);
            assertEquals("spill", new String(b.array(), StandardCharsets.UTF_8));
            try (var list = Files.list(temps)) {
                assertEquals(0, list.count(), "no name is left in the temp directory, even while open");
            }
        }
        Path named = dir.resolve("doc");
        try (VfsFile f = vfs.open(named.toString(), OpenFlags.READWRITE | OpenFlags.CREATE | OpenFlags.DELETEONCLOSE | OpenFlags.SUBJOURNAL)) {
            f.write(bytes("x"), 0);
            assertFalse(Files.exists(named));
        }
    }

    @Test
    void connectionsOfOneJvmExcludeEachOther() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        String name = dir.resolve("l.db").toString();
        try (VfsFile a = vfs.open(name, MAIN_RW); VfsFile b = vfs.open(name, MAIN_RW);
             VfsFile c = new FileVfs(dir).open(name, MAIN_RW)) {
            a.lock(LockLevel.SHARED);
            b.lock(LockLevel.SHARED);
            a.lock(LockLevel.RESERVED);
            assertTrue(b.checkReservedLock());
            assertEquals(ResultCodes.SQLITE_BUSY, assertThrows(VfsException.class, () -> b.lock(LockLevel.RESERVED)).code());
            assertThrows(VfsException.class, () -> a.lock(LockLevel.EXCLUSIVE), "b still reads");
            assertEquals(LockLevel.PENDING, ((FileLockState) a).lockState(), "a failed EXCLUSIVE keeps PENDING");
            assertThrows(VfsException.class, () -> c.lock(LockLevel.SHARED), "no new reader while a writer waits (another VFS instance, same JVM)");
            b.unlock(LockLevel.NONE);
            a.lock(LockLevel.EXCLUSIVE);
            assertEquals(LockLevel.EXCLUSIVE, ((FileLockState) a).lockState());
            a.unlock(LockLevel.SHARED);
            c.lock(LockLevel.SHARED);
            c.lock(LockLevel.RESERVED);
            assertTrue(a.checkReservedLock());
            c.unlock(LockLevel.NONE);
            a.unlock(LockLevel.NONE);
            assertFalse(b.checkReservedLock());
        }
    }

    @Test
    void closingOneConnectionKeepsTheOtherConnectionsLocksAndChannel() throws Exception {
        FileVfs vfs = new FileVfs(dir);
        String name = dir.resolve("k.db").toString();
        VfsFile a = vfs.open(name, MAIN_RW);
        try (VfsFile b = vfs.open(name, MAIN_RW)) {
            b.lock(LockLevel.SHARED);
            b.lock(LockLevel.RESERVED);
            a.close();   // must not close the shared descriptor: that would drop b's OS locks
            b.write(bytes("still open"), 0);
            assertTrue(b.checkReservedLock());
            try (VfsFile c = vfs.open(name, MAIN_RW)) {
                c.lock(LockLevel.SHARED);
                assertThrows(VfsException.class, () -> c.lock(LockLevel.RESERVED));
                c.unlock(LockLevel.NONE);
            }
            b.unlock(LockLevel.NONE);
        }
    }
}
