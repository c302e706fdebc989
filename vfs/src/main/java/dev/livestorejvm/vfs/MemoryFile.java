package dev.livestorejvm.vfs;

import java.nio.ByteBuffer;

/** One open handle on a {@link MemoryStorage}. */
final class MemoryFile implements VfsFile, FileLockState {
    private final MemoryVfs vfs;
    private final String name;
    private final MemoryStorage storage;
    private final int flags;
    private final boolean deleteOnClose;
    private LockLevel lock = LockLevel.NONE;

    MemoryFile(MemoryVfs vfs, String name, MemoryStorage storage, int flags, boolean deleteOnClose) {
        this.vfs = vfs;
        this.name = name;
        this.storage = storage;
        this.flags = flags;
        this.deleteOnClose = deleteOnClose;
    }

    @Override
    public int openedFlags() {
        return flags;
    }

    @Override
    public int read(ByteBuffer dst, long offset) {
        return storage.read(dst, offset);
    }

    @Override
    public void write(ByteBuffer src, long offset) {
        storage.write(src, offset);
    }

    @Override
    public void truncate(long size) {
        storage.truncate(size);
    }

    @Override
    public void sync(int flags) {
        // memory is as durable as it gets
    }

    @Override
    public long size() {
        return storage.size();
    }

    @Override
    public void lock(LockLevel level) throws VfsException {
        try {
            lock = storage.locks.lock(this, lock, level);
        } catch (LockTable.BusyAt e) {
            lock = e.reached();
            throw e;
        }
    }

    @Override
    public void unlock(LockLevel level) throws VfsException {
        lock = storage.locks.unlock(this, lock, level);
    }

    @Override
    public boolean checkReservedLock() throws VfsException {
        return storage.locks.reserved();
    }

    @Override
    public int deviceCharacteristics() {
        // nothing can tear or reorder writes held in the JVM heap
        return DeviceCharacteristics.ATOMIC | DeviceCharacteristics.SAFE_APPEND
            | DeviceCharacteristics.SEQUENTIAL | DeviceCharacteristics.POWERSAFE_OVERWRITE;
    }

    @Override
    public LockLevel lockState() {
        return lock;
    }

    @Override
    public void close() throws VfsException {
        unlock(LockLevel.NONE);
        if (deleteOnClose) vfs.deleted(name, storage);
    }

    @Override
    public String toString() {
        return "memory:" + name;
    }
}
