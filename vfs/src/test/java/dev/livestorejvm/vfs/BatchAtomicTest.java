package dev.livestorejvm.vfs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchAtomicTest {
    static final int MAIN_RW = OpenFlags.READWRITE | OpenFlags.CREATE | OpenFlags.MAIN_DB;
    @TempDir Path dir;

    static byte[] page(int fill) {
        byte[] b = new byte[4096];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    static byte[] readPage(Path file, int index) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOfRange(all, index * 4096, index * 4096 + 4096);
    }

    @Test
    void batchIsInvisibleUntilCommittedThenLoggedAndApplied() throws Exception {
        Path db = dir.resolve("b.db");
        VfsFile f = FileVfs.batchAtomic().open(db.toString(), MAIN_RW);
        try (f) {
            assertNotEquals(0, f.deviceCharacteristics() & DeviceCharacteristics.BATCH_ATOMIC);
            f.lock(LockLevel.EXCLUSIVE);
            f.write(ByteBuffer.wrap(page(1)), 0);   // outside a batch: written at once
            FileBatchAtomicWrite b = (FileBatchAtomicWrite) f;
            b.beginAtomicWrite();
            f.write(ByteBuffer.wrap(page(2)), 0);
            f.write(ByteBuffer.wrap(page(3)), 4096);
            ByteBuffer back = ByteBuffer.allocate(4096);
            assertEquals(4096, f.read(back, 4096), "the batch reads back its own writes");
            assertArrayEquals(page(3), back.array());
            assertArrayEquals(page(1), readPage(db, 0), "nothing of the batch is on disk yet");
            b.commitAtomicWrite();
            assertArrayEquals(page(2), readPage(db, 0));
            assertArrayEquals(page(3), readPage(db, 1));
            assertTrue(Files.size(RedoLog.of(db)) > RedoLog.HEADER + 8192, "the batch went through the redo log");
            assertFalse(RedoLog.needsReplay(db), "and is marked applied");

            b.beginAtomicWrite();
            f.write(ByteBuffer.wrap(page(9)), 0);
            b.rollbackAtomicWrite();
            assertArrayEquals(page(2), readPage(db, 0), "a rolled back batch leaves nothing");
            f.unlock(LockLevel.NONE);
        }
    }

    @Test
    void aBatchCommittedToTheLogButNotAppliedIsReplayedByTheNextLocker() throws Exception {
        Path db = dir.resolve("r.db");
        try (VfsFile f = FileVfs.batchAtomic().open(db.toString(), MAIN_RW)) {
            f.lock(LockLevel.EXCLUSIVE);
            ((FileBatchAtomicWrite) f).beginAtomicWrite();
            f.write(ByteBuffer.wrap(page(5)), 0);
            f.write(ByteBuffer.wrap(page(6)), 4096);
            ((FileBatchAtomicWrite) f).commitAtomicWrite();
            f.unlock(LockLevel.NONE);
        }
        // as if the writer died while applying: one page not written, the applied mark not written
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE);
             FileChannel log = FileChannel.open(RedoLog.of(db), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(page(0)), 4096);
            log.write(ByteBuffer.allocate(8).putLong(0, RedoLog.HEADER), 8);
        }
        assertTrue(RedoLog.needsReplay(db));
        try (VfsFile f = new FileVfs().open(db.toString(), MAIN_RW)) {   // the plain file VFS recovers too
            f.lock(LockLevel.SHARED);
            assertArrayEquals(page(6), readPage(db, 1));
            assertEquals(RedoLog.HEADER, RedoLog.appliedLength(db), "the log is emptied once the database is synced");
            assertFalse(RedoLog.needsReplay(db));
            f.unlock(LockLevel.NONE);
        }
    }

    @Test
    void aTornRecordIsIgnored() throws Exception {
        Path db = dir.resolve("t.db");
        try (VfsFile f = FileVfs.batchAtomic().open(db.toString(), MAIN_RW)) {
            f.lock(LockLevel.EXCLUSIVE);
            f.write(ByteBuffer.wrap(page(1)), 0);
            f.sync(SyncFlags.FULL);
            ((FileBatchAtomicWrite) f).beginAtomicWrite();
            f.write(ByteBuffer.wrap(page(7)), 0);
            ((FileBatchAtomicWrite) f).commitAtomicWrite();
            f.unlock(LockLevel.NONE);
        }
        // as if power failed while the record was written: its tail is lost, the database and the
        // applied mark were never touched
        long size = Files.size(RedoLog.of(db));
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE);
             FileChannel log = FileChannel.open(RedoLog.of(db), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(page(1)), 0);
            log.truncate(size - 100);
            log.write(ByteBuffer.allocate(8).putLong(0, RedoLog.HEADER), 8);
        }
        assertTrue(RedoLog.needsReplay(db), "a record of this generation follows the applied mark");
        try (VfsFile f = new FileVfs().open(db.toString(), MAIN_RW)) {
            f.lock(LockLevel.SHARED);
            assertArrayEquals(page(1), readPage(db, 0), "an unfinished record is not replayed");
            assertFalse(RedoLog.needsReplay(db));
            f.unlock(LockLevel.NONE);
        }
    }
}
