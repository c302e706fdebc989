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
import java.security.SecureRandom;
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
 * <p>Emptying the log starts a new generation (a new salt in the header) instead of truncating
 * the file: records are then written over blocks the file already has, so the commit's sync does
 * not also have to make a change of the file's size durable.
 *
 * <p>Layout: header {@code "LSJREDO2"}, applied length (8), boot id (16), salt (8); records
 * {@code 'REDO'}, entry count, salt (8), then per entry offset (8), length (4), bytes; then
 * CRC32C (4) of the record. Records are valid only with the header's salt and a good CRC.
 */
final class RedoLog {
    static final String SUFFIX = "-batch";
    static final int HEADER = 40;
    static final long CHECKPOINT_BYTES = 1 << 20;
    private static final long MAGIC = 0x4c534a5245444f32L;   // "LSJREDO2"
    private static final int RECORD = 0x5245444f;           // "REDO"
    private static final int RECORD_HEAD = 16;
    private static final UUID BOOT = bootId();
    /** Made when the first log is written, not when recovery first checks for one (~25 ms of set-up). */
    private static final class Salts {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private RedoLog() {}

    static Path of(Path db) {
        return db.resolveSibling(db.getFileName() + SUFFIX);
    }

    /** One write of a batch. */
    record Write(long offset, byte[] data) {}

    /** The log's header. */
    record Header(boolean valid, long applied, UUID boot, long salt) {
        static Header fresh() {
            return new Header(true, HEADER, BOOT, Salts.RANDOM.nextLong());
        }

        Header applied(long length) {
            return new Header(true, length, BOOT, salt);
        }

        ByteBuffer bytes() {
            UUID b = boot != null ? boot : new UUID(0, 0);
            return ByteBuffer.allocate(HEADER).putLong(MAGIC).putLong(applied)
                .putLong(b.getMostSignificantBits()).putLong(b.getLeastSignificantBits()).putLong(salt).flip();
        }
    }

    /** Appends {@code batch} durably (the commit point), applies it to {@code db}, checkpoints when the log is large. */
    static void commit(Path db, FileChannel dbChannel, List<Write> batch) throws VfsException {
        Path path = of(db);
        try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            Header h = readHeader(log);
            boolean fresh = !h.valid();
            if (fresh) h = Header.fresh();
            long end = h.applied();
            byte[] record = encode(batch, h.salt());
            try {
                if (fresh) writeFully(log, h.bytes(), 0);
                writeFully(log, ByteBuffer.wrap(record), end);
                log.force(false);
            } catch (IOException e) {
                // a record that is not whole fails its CRC; SQLite now retries with a rollback journal
                throw new VfsException(SQLITE_IOERR_COMMIT_ATOMIC, "cannot write the redo log " + path + ": " + e, e);
            }
            if (fresh) FileVfs.syncDirectory(path);
            try {
                for (Write w : batch) writeFully(dbChannel, ByteBuffer.wrap(w.data()), w.offset());
                Header done = h.applied(end + record.length);
                writeFully(log, done.bytes(), 0);
                if (done.applied() > CHECKPOINT_BYTES) checkpoint(log, dbChannel, null);
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
        if (!FileVfs.exists(path)) return false;   // every transaction's first lock asks: keep it one stat
        try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ)) {
            return needsReplay(log, readHeader(log));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR, "cannot read the redo log " + path + ": " + e, e);
        }
    }

    /** The applied length in the header of the log of {@code db} ({@link #HEADER} when empty), or -1: for tests. */
    static long appliedLength(Path db) throws IOException {
        try (FileChannel log = FileChannel.open(of(db), StandardOpenOption.READ)) {
            Header h = readHeader(log);
            return h.valid() ? h.applied() : -1;
        }
    }

    /**
     * Makes everything the log holds durable in the database and empties the log: replays it first
     * if needed. The caller holds an exclusive lock on the database.
     */
    static void recover(Path db, FileChannel dbChannel) throws VfsException {
        Path path = of(db);
        if (!FileVfs.exists(path)) return;
        try (FileChannel log = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Header h = readHeader(log);
            if (needsReplay(log, h)) checkpoint(log, dbChannel, h);
            else if (h.valid() && h.applied() > HEADER) checkpoint(log, dbChannel, null);
        } catch (NoSuchFileException e) {
            // nothing to do
        } catch (IOException e) {
            throw new VfsException(SQLITE_IOERR, "cannot recover " + db + " from " + path + ": " + e, e);
        }
    }

    private static boolean needsReplay(FileChannel log, Header h) throws IOException {
        if (log.size() <= HEADER) return false;
        if (!h.valid()) return true;   // a damaged header: nothing can be validated, start a new generation
        if (h.applied() > HEADER && (BOOT == null || !BOOT.equals(h.boot()))) return true;   // rebooted since: nothing was synced
        ByteBuffer next = ByteBuffer.allocate(RECORD_HEAD);   // a record of this generation past the applied mark?
        readFully(log, next, h.applied());
        return next.remaining() == 0 && next.getInt(0) == RECORD && next.getLong(8) == h.salt();
    }

    /** Replays every valid record if {@code replayFrom} is given, then syncs the database and starts a new generation. */
    private static void checkpoint(FileChannel log, FileChannel db, Header replayFrom) throws IOException {
        if (replayFrom != null) {
            long size = log.size();
            if (size > Integer.MAX_VALUE) throw new IOException("redo log too large: " + size);
            ByteBuffer all = ByteBuffer.allocate((int) size);
            readFully(log, all, 0);
            all.flip();
            if (replayFrom.valid()) {
                all.position(Math.min(HEADER, all.limit()));
                while (applyRecord(all, db, replayFrom.salt())) { }
            }
        }
        db.force(false);
        writeFully(log, Header.fresh().bytes(), 0);
        log.force(false);
    }

    /** Applies the record at the buffer's position; false at the end, or at a torn, corrupt or older record. */
    private static boolean applyRecord(ByteBuffer all, FileChannel db, long salt) throws IOException {
        int start = all.position();
        if (all.remaining() < RECORD_HEAD || all.getInt() != RECORD) return false;
        int count = all.getInt();
        if (all.getLong() != salt) return false;
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
        ByteBuffer r = all.duplicate().position(start + RECORD_HEAD);
        for (int i = 0; i < count; i++) {
            long offset = r.getLong();
            int len = r.getInt();
            writeFully(db, r.slice().limit(len), offset);
            r.position(r.position() + len);
        }
        return true;
    }

    private static byte[] encode(List<Write> batch, long salt) {
        int size = RECORD_HEAD + 4;
        for (Write w : batch) size += 12 + w.data().length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(RECORD).putInt(batch.size()).putLong(salt);
        for (Write w : batch) b.putLong(w.offset()).putInt(w.data().length).put(w.data());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static Header readHeader(FileChannel log) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        readFully(log, h, 0);
        if (h.hasRemaining() || h.getLong(0) != MAGIC) return new Header(false, HEADER, null, 0);
        return new Header(true, h.getLong(8), new UUID(h.getLong(16), h.getLong(24)), h.getLong(32));
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long offset) throws IOException {
        long pos = offset;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) break;
            pos += n;
        }
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
