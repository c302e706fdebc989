package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_FULL;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_CLOSE;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_FSTAT;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_FSYNC;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_READ;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_TRUNCATE;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One open file of a {@link FileVfs}: a main database shares its JVM-wide {@link Inode}; other files have their own channel. */
class FileVfsFile implements VfsFile, FileLockState, FileHasMoved, FilePersistWal {
    private final Path path;
    private final Inode inode;            // main database files only
    private final FileChannel ownChannel; // every other file
    private final LockTable locks;
    private final int flags;
    private boolean syncDirPending;       // a created journal syncs its directory once
    private LockLevel lock = LockLevel.NONE;
    private boolean persistWal;
    private boolean redoChecked;          // the redo log was emptied in this lock session
    private boolean closed;

    FileVfsFile(Path path, Inode inode, FileChannel ownChannel, int flags, boolean syncDir) {
        this.path = path;
        this.inode = inode;
        this.ownChannel = ownChannel;
        this.locks = inode != null ? inode.locks : new LockTable();
        this.flags = flags;
        this.syncDirPending = syncDir;
    }

    final FileChannel channel() {
        return inode != null ? inode.channel() : ownChannel;
    }

    final Path path() {
        return path;
    }

    @Override
    public int openedFlags() {
        return flags;
    }

    @Override
    public int read(ByteBuffer dst, long offset) throws VfsException {
        int start = dst.position();
        try {
            FileChannel ch = channel();
            while (dst.hasRemaining()) {
                int n = ch.read(dst, offset + dst.position() - start);
                if (n < 0) break;
            }
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_READ, "cannot read " + path + ": " + e, e);
        }
        return dst.position() - start;
    }

    @Override
    public void write(ByteBuffer src, long offset) throws VfsException {
        beforeDirectWrite();
        int start = src.position();
        try {
            FileChannel ch = channel();
            while (src.hasRemaining()) ch.write(src, offset + src.position() - start);
        } catch (IOException e) {
            throw new VfsException(isFull(e) ? SQLITE_FULL : SQLITE_IOERR_WRITE, "cannot write " + path + ": " + e, e);
        }
    }

    @Override
    public void truncate(long size) throws VfsException {
        beforeDirectWrite();
        try {
            FileChannel ch = channel();
            long now = ch.size();
            if (size < now) ch.truncate(size);
            else if (size > now) ch.write(ByteBuffer.allocate(1), size - 1);   // ftruncate also grows a file
        } catch (IOException e) {
            throw new VfsException(isFull(e) ? SQLITE_FULL : SQLITE_IOERR_TRUNCATE, "cannot truncate " + path + ": " + e, e);
        }
    }

    @Override
    public void sync(int flags) throws VfsException {
        try {
            // fdatasync, as the unix VFS on Linux: it also makes a changed file size durable
            channel().force(false);
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_FSYNC, "cannot sync " + path + ": " + e, e);
        }
        if (syncDirPending) {
            syncDirPending = false;
            FileVfs.syncDirectory(path);
        }
    }

    @Override
    public long size() throws VfsException {
        try {
            return channel().size();
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_FSTAT, "cannot stat " + path + ": " + e, e);
        }
    }

    @Override
    public void lock(LockLevel level) throws VfsException {
        try {
            lock = locks.lock(this, lock, level);
        } catch (LockTable.BusyAt e) {
            lock = e.reached();
            throw e;
        }
    }

    @Override
    public void unlock(LockLevel level) throws VfsException {
        lock = locks.unlock(this, lock, level);
        redoChecked = false;
    }

    /**
     * A database written in batch-atomic mode may have a redo log whose records would be replayed
     * over this write after a crash: replay and empty it first (cheap when there is none).
     */
    final void beforeDirectWrite() throws VfsException {
        if (inode == null || redoChecked) return;
        redoChecked = true;
        RedoLog.recover(path, channel());
    }

    @Override
    public boolean checkReservedLock() throws VfsException {
        return locks.reserved();
    }

    /** SQLite's unix default: 4096-byte sectors. */
    @Override
    public int sectorSize() {
        return 4096;
    }

    /**
     * Powersafe overwrite only, as the unix VFS reports by default: a write does not disturb bytes
     * outside its range when power fails. Nothing else (atomic sectors, safe append) is promised.
     */
    @Override
    public int deviceCharacteristics() {
        return DeviceCharacteristics.POWERSAFE_OVERWRITE;
    }

    @Override
    public LockLevel lockState() {
        return lock;
    }

    @Override
    public boolean hasMoved() {
        return inode != null && inode.movedFrom(path);
    }

    @Override
    public boolean persistWal() {
        return persistWal;
    }

    @Override
    public void persistWal(boolean keep) {
        persistWal = keep;
    }

    @Override
    public void close() throws VfsException {
        if (closed) return;
        closed = true;
        try {
            unlock(LockLevel.NONE);
        } finally {
            if (inode != null) {
                inode.release();
            } else {
                try {
                    ownChannel.close();
                } catch (IOException e) {
                    throw new VfsException(SQLITE_IOERR_CLOSE, "cannot close " + path + ": " + e, e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private static boolean isFull(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded");
    }
}
