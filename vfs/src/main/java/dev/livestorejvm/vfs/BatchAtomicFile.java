package dev.livestorejvm.vfs;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A database file in batch-atomic mode: writes between BEGIN and COMMIT_ATOMIC_WRITE are held and
 * committed through the {@link RedoLog} (one sync). A sync of the database itself is needed only
 * for writes made outside a batch (e.g. a transaction too large for the cache, which SQLite runs
 * through a rollback journal): everything else is already durable in the log.
 */
final class BatchAtomicFile extends FileVfsFile implements FileBatchAtomicWrite {
    private List<RedoLog.Write> batch;   // non-null between begin and commit/rollback
    private boolean unsyncedDirectWrites;

    BatchAtomicFile(Path path, Inode inode, int flags) {
        super(path, inode, null, flags, false);
    }

    @Override
    public int deviceCharacteristics() {
        return super.deviceCharacteristics() | DeviceCharacteristics.BATCH_ATOMIC;
    }

    @Override
    public void beginAtomicWrite() {
        batch = new ArrayList<>();
    }

    @Override
    public void commitAtomicWrite() throws VfsException {
        List<RedoLog.Write> b = batch;
        batch = null;
        if (b == null || b.isEmpty()) return;
        RedoLog.commit(path(), channel(), b);
    }

    @Override
    public void rollbackAtomicWrite() {
        batch = null;
    }

    @Override
    public void write(ByteBuffer src, long offset) throws VfsException {
        if (batch == null) {
            super.write(src, offset);
            unsyncedDirectWrites = true;
            return;
        }
        byte[] copy = new byte[src.remaining()];
        src.get(copy);
        batch.add(new RedoLog.Write(offset, copy));
    }

    @Override
    public void truncate(long size) throws VfsException {
        super.truncate(size);
        unsyncedDirectWrites = true;
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws VfsException {
        if (batch == null || batch.isEmpty()) return super.read(dst, offset);
        int start = dst.position(), len = dst.remaining();
        int n = super.read(dst, offset);
        for (int i = n; i < len; i++) dst.put(start + i, (byte) 0);
        long end = offset + n;
        for (RedoLog.Write w : batch) {   // what this batch wrote reads back before it is committed
            long from = Math.max(offset, w.offset()), to = Math.min(offset + len, w.offset() + w.data().length);
            if (from >= to) continue;
            for (long i = from; i < to; i++) dst.put(start + (int) (i - offset), w.data()[(int) (i - w.offset())]);
            end = Math.max(end, to);
        }
        dst.position(start + (int) (end - offset));
        return (int) (end - offset);
    }

    @Override
    public void sync(int flags) throws VfsException {
        if (!unsyncedDirectWrites) return;   // batches are durable in the redo log already
        super.sync(flags);
        unsyncedDirectWrites = false;
    }
}
