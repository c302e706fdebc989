package dev.livestorejvm.vfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One database file as the whole JVM sees it (SQLite's unix VFS keeps the same per-inode record):
 * every connection of the JVM to the file shares one {@link FileChannel} and one {@link LockTable}.
 * OS record locks belong to the process and {@code close()} of any descriptor of the file drops
 * them all, so no descriptor of the file is closed until the last connection of the JVM has closed.
 * Files are told apart by device and inode ({@link BasicFileAttributes#fileKey()}), not by name.
 */
final class Inode {
    private static final Map<Object, Inode> OPEN = new HashMap<>();   // guarded by itself

    final Object key;
    final LockTable locks;
    private final String path;
    private volatile FileChannel channel;
    private boolean writable;
    private final List<FileChannel> retired = new ArrayList<>();   // closed with the inode, never before
    private int refs;

    private Inode(Object key, Path path, FileChannel channel, boolean writable) {
        this.key = key;
        this.path = path.toString();
        this.channel = channel;
        this.writable = writable;
        this.locks = new LockTable(new RecoveringLocks(new ByteRangeLocks(this::channel, this.path), path, this::channel));
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * The shared record of {@code path}, opening it if this JVM has not yet. Returns the inode and
     * whether it may be written through; {@code opener} opens a new channel (read-write when asked).
     */
    static Opened open(Path path, boolean wantWrite, ChannelOpener opener) throws VfsException {
        synchronized (OPEN) {
            Object key = fileKey(path);
            Inode inode = key == null ? null : OPEN.get(key);
            if (inode == null) {
                ChannelOpener.Result r = opener.open(wantWrite);
                key = fileKey(path);
                if (key == null) {
                    close(r.channel());
                    throw new VfsException(ResultCodes.SQLITE_CANTOPEN, "file vanished while opening: " + path);
                }
                inode = OPEN.get(key);
                if (inode == null) {
                    inode = new Inode(key, path, r.channel(), r.writable());
                    OPEN.put(key, inode);
                } else {
                    inode.adopt(r);   // created by another process between the two looks: keep both open
                }
            } else if (wantWrite && !inode.writable) {
                ChannelOpener.Result r = opener.open(true);
                if (r.writable()) inode.adopt(r); else inode.retired.add(r.channel());
            }
            inode.refs++;
            return new Opened(inode, wantWrite && inode.writable);
        }
    }

    /** Drops one reference; the last one closes every channel of the file. */
    void release() {
        synchronized (OPEN) {
            if (--refs > 0) return;
            OPEN.remove(key, this);
            close(channel);
            for (FileChannel c : retired) close(c);
            retired.clear();
        }
    }

    /** True if {@code path} no longer names this file (renamed, deleted or replaced). */
    boolean movedFrom(Path p) {
        return !key.equals(fileKey(p));
    }

    private void adopt(ChannelOpener.Result r) {
        if (r.writable() && !writable) {
            retired.add(channel);   // held locks were taken through it: it stays open
            channel = r.channel();
            writable = true;
        } else {
            retired.add(r.channel());
        }
    }

    static Object fileKey(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = a.fileKey();
            return key != null ? key : path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing was written through a failing close that a sync has not already reported
        }
    }

    @Override
    public String toString() {
        return path;
    }

    record Opened(Inode inode, boolean writable) {}

    /** Opens a new channel on the file; falls back to read-only when writing is not permitted. */
    interface ChannelOpener {
        Result open(boolean wantWrite) throws VfsException;

        record Result(FileChannel channel, boolean writable) {}
    }
}
