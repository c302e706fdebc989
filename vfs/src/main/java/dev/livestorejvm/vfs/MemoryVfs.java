package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_CANTOPEN;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_DELETE_NOENT;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files held in memory, by name, like a RAM disk: a file lives until it is deleted (or opened with
 * {@code DELETEONCLOSE} and closed), so every connection that uses this VFS by the same name sees
 * the same database. Temporary files (no name) are private to their opener.
 */
public final class MemoryVfs implements Vfs {
    private final Map<String, MemoryStorage> files = new ConcurrentHashMap<>();
    private final AtomicLong tempNames = new AtomicLong();

    @Override
    public VfsFile open(String name, int flags) throws VfsException {
        if (name == null) {
            return new MemoryFile(this, "temp-" + tempNames.incrementAndGet(), new MemoryStorage(), flags, false);
        }
        MemoryStorage storage = (flags & OpenFlags.CREATE) != 0
            ? files.computeIfAbsent(name, n -> new MemoryStorage())
            : files.get(name);
        if (storage == null) throw new VfsException(SQLITE_CANTOPEN, "no such in-memory file: " + name);
        return new MemoryFile(this, name, storage, flags, (flags & OpenFlags.DELETEONCLOSE) != 0);
    }

    @Override
    public void delete(String name, boolean syncDir) throws VfsException {
        if (files.remove(name) == null) throw new VfsException(SQLITE_IOERR_DELETE_NOENT, "no such in-memory file: " + name);
    }

    @Override
    public boolean access(String name, int flags) {
        return files.containsKey(name);
    }

    /** Names of the files this VFS holds now. */
    public java.util.Set<String> fileNames() {
        return java.util.Set.copyOf(files.keySet());
    }

    void deleted(String name, MemoryStorage storage) {
        files.remove(name, storage);
    }
}
