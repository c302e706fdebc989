package dev.livestorejvm.vfs;

import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR;
import static dev.livestorejvm.vfs.ResultCodes.SQLITE_IOERR_COMMIT_ATOMIC;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The redo log that makes a batch of database writes atomic ({@code <database>-batch}). A commit
 * appends one record (every page of the batch, with a CRC32C) and syncs it: that single sync is
 * the commit point. The pages are then written into the database without a sync, and the header
 * records how far the log has been applied, stamped with the kernel's boot id.
 *
 * <p>Whoever first locks the database in a process checks the log: if it holds records that are
 * not known to be applied in this boot (the writer was killed while applying, or the machine lost
 * power before the database file reached the disk), it replays every whole record, syncs the
 * database and empties the log. Replay is idempotent because the log is emptied (after a database
 * sync) before anyone writes the database other than through a batch, and when it grows large.
 *
 * <p>Layout: header {@code "LSJREDO1"}, applied length (8), boot id (16); records
 * {@code 'REDO'}, entry count, then per entry offset (8), length (4), bytes; then CRC32C (4) of the record.
 */
final class RedoLog {
    static final String SUFFIX = "-batch";
    static final int HEADER = 32;
    static final long CHECKPOINT_BYTES = 1 << 20;
    private static final long MAGIC = 0x4c534a5245444f31L;   // "LSJREDO1"
    private static final int RECORD = 0x5245444f;           // "REDO"
    private static final UUID BOOT = bootId();

    private RedoLog() {}

    static Path of(Path db) {
        return db.resolveSibling(db.getFileName() + SUFFIX);
    }

    /** One write of a batch. */
    record Write(long offset, byte[] data) {}

    /** Appends {@code batch} durably (the commit point), applies it to {@code db}, checkpoints when the log is large. */
    static void commit(Path db, FileChannel dbChannel, List<Write> batch) throws VfsException {
        Path path = of(db);
        byte[] record = encode(batch);
        try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            long size = log.size();
            boolean fresh = size < HEADER;
            long end = fresh ? HEADER : size;
            try {
                if (fresh) writeFully(log, header(HEADER), 0);
                writeFully(log, ByteBuffer.wrap(record), end);
                log.force(false);
            } catch (IOException e) {
                try {
                    log.truncate(end);   // the record must not be replayed: SQLite will retry with a rollback journal
                } catch (IOException ignored) {
                    // its CRC or a later truncation decides
                }
                throw new VfsException(SQLITE_IOERR_COMMIT_ATOMIC, "cannot write the redo log " + path + ": " + e, e);
            }
            if (fresh) FileVfs.syncDirectory(path);
            try {
                for (Write w : batch) writeFully(dbChannel, ByteBuffer.wrap(w.data()), w.offset());
                writeFully(log, header(end + record.length), 0);
                if (end + record.length > CHECKPOINT_BYTES) checkpoint(log, dbChannel, false);
            } catch (IOException e) {
                // committed in the log, not fully in the database: the next lock replays it
                throw new VfsException(SQLITE_IOERR, "cannot apply the redo log " + path + " to " + db + ": " + e, e);
            }
        } catch (VfsException e) {
            throw e;
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR_COMMIT_ATOMIC, "cannot open the redo log " + path + ": " + e, e);
        }
    }

    /** True if the log of {@code db} holds records not known to be in the database. Cheap when there is no log. */
    static boolean needsReplay(Path db) throws VfsException {
        Path path = of(db);
        try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ)) {
            return needsReplay(log);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR, "cannot read the redo log " + path + ": " + e, e);
        }
    }

    /**
     * Replays the log into the database if needed, syncs the database and empties the log. The
     * caller holds an exclusive lock on the database.
     */
    static void recover(Path db, FileChannel dbChannel) throws VfsException {
        Path path = of(db);
        if (!Files.exists(path)) return;
        try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (log.size() <= HEADER) return;   // empty: nothing to make durable
            checkpoint(log, dbChannel, needsReplay(log));
        } catch (NoSuchFileException e) {
            // nothing to do
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR, "cannot recover " + db + " from " + path + ": " + e, e);
        }
    }

    private static boolean needsReplay(FileChannel log) throws IOException {
        long size = log.size();
        if (size <= HEADER) return false;
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        while (h.hasRemaining() && log.read(h, h.position()) >= 0) { }
        h.flip();
        if (h.remaining() < HEADER || h.getLong() != MAGIC) return true;
        long applied = h.getLong();
        UUID boot = new UUID(h.getLong(), h.getLong());
        return applied != size || BOOT == null || !BOOT.equals(boot);
    }

    /** Optionally replays every whole record, then makes the database durable and empties the log. */
    private static void checkpoint(FileChannel log, FileChannel db, boolean replay) throws IOException {
        if (replay) {
            long size = log.size();
            if (size > Integer.MAX_VALUE) throw new IOException("redo log too large: " + size);
            ByteBuffer all = ByteBuffer.allocate((int) size);
            while (all.hasRemaining() && log.read(all, all.position()) >= 0) { }
            all.flip();
            all.position(Math.min(HEADER, all.limit()));
            while (applyRecord(all, db)) { }
        }
        db.force(false);
        log.truncate(HEADER);
        writeFully(log, header(HEADER), 0);
        log.force(false);
    }

    /** Applies the record at the buffer's position; false at the end or at a torn or corrupt record. */
    private static boolean applyRecord(ByteBuffer all, FileChannel db) throws IOException {
        int start = all.position();
        if (all.remaining() < 8 || all.getInt() != RECORD) return false;
        int count = all.getInt();
        for (int i = 0; i < count; i++) {
            if (all.remaining() < 12) return false;
            all.getLong();
            int len = all.getInt();
            if (len < 0 || all.remaining() < len) return false;
            all.position(all.position() + len);
        }
        if (all.remaining() < 4) return false;
        CRC32C crc = new CRC32C();
        crc.update(all.duplicate().position(start).limit(all.position()));
        if ((int) crc.getValue() != all.getInt()) return false;
        ByteBuffer r = all.duplicate().position(start + 8);
        for (int i = 0; i < count; i++) {
            long offset = r.getLong();
            int len = r.getInt();
            ByteBuffer data = r.slice().limit(len);
            writeFully(db, data, offset);
            r.position(r.position() + len);
        }
        return true;
    }

    private static byte[] encode(List<Write> batch) {
        int size = 8 + 4;
        for (Write w : batch) size += 12 + w.data().length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(RECORD).putInt(batch.size());
        for (Write w : batch) b.putLong(w.offset()).putInt(w.data().length).put(w.data());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static ByteBuffer header(long applied) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).putLong(MAGIC).putLong(applied);
        UUID boot = BOOT != null ? BOOT : new UUID(0, 0);
        h.putLong(boot.getMostSignificantBits()).putLong(boot.getLeastSignificantBits());
        return h.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long offset) throws IOException {
        long pos = offset;
        while (src.hasRemaining()) pos += ch.write(src, pos);
    }

    /** Linux's id of this boot: an applied mark from before a reboot (a power loss) is not trusted. */
    private static UUID bootId() {
        try {
            return UUID.fromString(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return null;   // unknown: every log with records is replayed by the next process to lock the database
        }
    }
}
