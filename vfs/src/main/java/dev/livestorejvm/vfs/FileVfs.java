package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_CANTOPEN;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_CANTOPEN_FULLPATH;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_CANTOPEN_ISDIR;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_CANTOPEN_NOTEMPDIR;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_READONLY_DIRECTORY;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_ACCESS;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_DELETE;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_DELETE_NOENT;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Set;

/**
 * Real files through NIO {@link FileChannel}, with the locking of SQLite's unix VFS, so that a
 * database may be shared with other connections of this JVM, with other JVMs and with native
 * SQLite (e.g. the {@code sqlite3} tool). What it mirrors of {@code os_unix.c}:
 * <ul>
 *   <li>locks: SHARED/RESERVED/PENDING/EXCLUSIVE as OS record locks on the same byte ranges
 *       ({@link ByteRangeLocks}), arbitrated inside the JVM by a per-file {@link LockTable};</li>
 *   <li>descriptors: every connection of the JVM to one database file shares one channel, closed
 *       only with the last connection, because closing any descriptor drops the process's locks;</li>
 *   <li>durability: {@code xSync} is {@code fdatasync}; a rollback journal, super-journal or WAL
 *       that was created also syncs its directory on its first sync, and a delete asked to be
 *       durable syncs the directory;</li>
 *   <li>temporary files (no name) live in {@code java.io.tmpdir} and are unlinked as soon as they
 *       are opened, as are files opened with {@code DELETEONCLOSE}: nothing is left after a crash;</li>
 *   <li>a file that cannot be opened read-write is opened read-only (SQLite then reports
 *       {@code SQLITE_READONLY} on writes), and a journal that cannot be created in a read-only
 *       directory gives {@code SQLITE_READONLY_DIRECTORY}, as the unix VFS does; an empty file does
 *       not "exist" for {@code xAccess}.</li>
 * </ul>
 * The relayed VFS has no shared-memory methods, so WAL works only with
 * {@code PRAGMA locking_mode=EXCLUSIVE}.
 */
public class FileVfs implements Vfs {
    private final Path tempDir;
    private final boolean batchAtomic;

    /** Temporary files in {@code java.io.tmpdir}. */
    public FileVfs() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public FileVfs(Path tempDir) {
        this(tempDir, false);
    }

    private FileVfs(Path tempDir, boolean batchAtomic) {
        this.tempDir = tempDir;
        this.batchAtomic = batchAtomic;
    }

    /**
     * Batch-atomic mode: database files advertise {@code SQLITE_IOCAP_BATCH_ATOMIC}, so that SQLite
     * commits a transaction that fits in its cache as one atomic batch instead of through a
     * rollback journal; the batch is made atomic by a redo log ({@code <database>-batch}) with one
     * sync per commit. Only processes using this mode (or this VFS) replay that log after a crash:
     * native SQLite does not, so a batch-atomic database must not be opened by other tools after a
     * crash until this VFS has opened it once.
     */
    public static FileVfs batchAtomic() {
        return new FileVfs(Path.of(System.getProperty("java.io.tmpdir")), true);
    }

    @Override
    public VfsFile open(String name, int flags) throws VfsException {
        if (name == null) return openTemp(flags);
        Path path = path(name);
        boolean deleteOnClose = (flags & OpenFlags.DELETEONCLOSE) != 0;
        boolean wantWrite = (flags & OpenFlags.READWRITE) != 0;
        // open(2) refuses a directory for writing (EISDIR, reported by openChannel), not for reading:
        // only a read-only open needs the check first, so a journal's open per transaction skips the stat
        if (!wantWrite && Files.isDirectory(path)) throw new VfsException(SQLITE_CANTOPEN_ISDIR, "is a directory: " + name);
        if (OpenFlags.isMainDb(flags) && !deleteOnClose) {
            Inode.Opened o = Inode.open(path, wantWrite, w -> openChannel(path, flags, w));
            int actual = actualFlags(flags, o.writable());
            return batchAtomic ? new BatchAtomicFile(path, o.inode(), actual) : new FileVfsFile(path, o.inode(), null, actual, false);
        }
        Inode.ChannelOpener.Result r = openChannel(path, flags, wantWrite);
        if (deleteOnClose) unlinkQuietly(path);
        boolean journal = (flags & (OpenFlags.MAIN_JOURNAL | OpenFlags.SUPER_JOURNAL | OpenFlags.WAL)) != 0;
        boolean syncDir = journal && (flags & OpenFlags.CREATE) != 0;
        return new FileVfsFile(path, null, r.channel(), actualFlags(flags, r.writable()), syncDir);
    }

    private VfsFile openTemp(int flags) throws VfsException {
        Path path;
        try {
            path = Files.createTempFile(tempDir, "livestore-jvm-", ".tmp");
        } catch (IOException e) {
            throw new VfsException(SQLITE_CANTOPEN_NOTEMPDIR, "cannot create a temporary file in " + tempDir + ": " + e, e);
        }
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new FileVfsFile(path, null, ch, actualFlags(flags | OpenFlags.READWRITE, true), false);
        } catch (IOException e) {
            throw new VfsException(SQLITE_CANTOPEN, "cannot open temporary file " + path + ": " + e, e);
        } finally {
            unlinkQuietly(path);   // the open channel keeps the data; the name goes at once
        }
    }

    /** Opens {@code path} read-write if asked and allowed, else read-only (as the unix VFS does). */
    private static Inode.ChannelOpener.Result openChannel(Path path, int flags, boolean wantWrite) throws VfsException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.READ);
        if (wantWrite) {
            options.add(StandardOpenOption.WRITE);
            if ((flags & OpenFlags.CREATE) != 0) {
                options.add((flags & OpenFlags.EXCLUSIVE) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
            }
        }
        try {
            return new Inode.ChannelOpener.Result(FileChannel.open(path, options), wantWrite);
        } catch (AccessDeniedException e) {
            boolean exists = Files.exists(path);
            if (isNewJournal(flags) && !exists) {
                // as the unix VFS: a journal that cannot be created because the directory is read-only
                // makes the database read-only (SQLite then says "attempt to write a readonly database")
                throw new VfsException(SQLITE_READONLY_DIRECTORY, "cannot create " + path + " in a read-only directory", e);
            }
            if (wantWrite && exists) return openChannel(path, flags, false);
            throw new VfsException(SQLITE_CANTOPEN, "permission denied: " + path, e);
        } catch (NoSuchFileException e) {
            Path parent = path.toAbsolutePath().getParent();
            String why = parent != null && !Files.isDirectory(parent) ? "no such directory: " + parent : "no such file: " + path;
            throw new VfsException(SQLITE_CANTOPEN, why, e);
        } catch (FileAlreadyExistsException e) {
            throw new VfsException(SQLITE_CANTOPEN, "already exists: " + path, e);
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.isDirectory(path)) throw new VfsException(SQLITE_CANTOPEN_ISDIR, "is a directory: " + path, e);
            throw new VfsException(SQLITE_CANTOPEN, "cannot open " + path + ": " + e, e);
        }
    }

    /** A journal or WAL being created: the unix VFS's {@code isNewJrnl}. */
    private static boolean isNewJournal(int flags) {
        return (flags & OpenFlags.CREATE) != 0 && (flags & (OpenFlags.MAIN_JOURNAL | OpenFlags.SUPER_JOURNAL | OpenFlags.WAL)) != 0;
    }

    private static int actualFlags(int flags, boolean writable) {
        if (writable) return flags;
        return (flags & ~(OpenFlags.READWRITE | OpenFlags.CREATE)) | OpenFlags.READONLY;
    }

    @Override
    public void delete(String name, boolean syncDir) throws VfsException {
        Path path = path(name);
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            throw new VfsException(SQLITE_IOERR_DELETE_NOENT, "no such file: " + name, e);
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_DELETE, "cannot delete " + name + ": " + e, e);
        }
        if (syncDir) syncDirectory(path);
    }

    @Override
    public boolean access(String name, int flags) throws VfsException {
        Path path = path(name);
        try {
            switch (flags) {
                case AccessFlags.EXISTS:
                    // asked twice per transaction (hot journal? WAL?), nearly always of a missing file:
                    // File.exists answers with one stat and no exception (Files.readAttributes throws)
                    if (!exists(path)) return false;
                    // as the unix VFS: an empty regular file does not count (an empty journal is not hot)
                    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                    return !a.isRegularFile() || a.size() > 0;
                case AccessFlags.READWRITE:
                    return Files.isWritable(path);
                default:
                    return Files.isReadable(path);
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_ACCESS, "cannot stat " + name + ": " + e, e);
        }
    }

    /** Absolute, with symbolic links resolved, so that a journal lands beside the real database file. */
    @Override
    public String fullPathname(String name) throws VfsException {
        Path p = path(name).toAbsolutePath().normalize();
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p.toRealPath().toString();
            Path parent = p.getParent();
            if (parent != null && Files.isDirectory(parent)) return parent.toRealPath().resolve(p.getFileName()).toString();
        } catch (IOException e) {
            // a dangling link or an unreadable directory: the plain absolute name is the best answer
        }
        return p.toString();
    }

    @Override
    public int maxPathname() {
        return 1024;
    }

    /**
     * True if {@code path} names something, as {@code access(F_OK)}: one stat, no exception when
     * it does not ({@link Files#exists} on JDK 17 throws and catches one inside).
     */
    static boolean exists(Path path) {
        return path.toFile().exists();
    }

    static Path path(String name) throws VfsException {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new VfsException(SQLITE_CANTOPEN_FULLPATH, "not a valid path: " + name, e);
        }
    }

    /**
     * Sync of a directory, so that a file created or deleted in it stays so after a power loss:
     * fdatasync, as native SQLite's unix VFS does on Linux (strace of the sqlite3 CLI shows it on
     * the directory once per DELETE-mode transaction).
     */
    static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) return;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(false);
        } catch (IOException e) {
            // as the unix VFS: some file systems cannot sync a directory; that is not an error
        }
    }

    private static void unlinkQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind; it is a temp file
        }
    }
}
