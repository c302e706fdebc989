package dev.livestorejvm.server.storage;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.PullEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.protocol.SyncCodec;
import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One store's SQLite file: its head/backendId row and its log, in rows of consecutive events holding their
 * pull items as JSON ({@code [{eventEncoded, metadata}, ...]}): one row per admitted batch, small batches
 * committed together sharing a row of up to {@value #ROW_EVENTS}. Rows rather than one per event: appends
 * and history reads cost one SQLite row per ≤100 events, which matters on wasm SQLite, and catch-up cuts
 * the stored text into chunk items without decoding it. Every method holds the file's lock.
 */
final class StoreFile {
    static final int FORMAT = 1;
    /** Events per row at most when small batches share a row (a batch of more stays one row). */
    static final int ROW_EVENTS = 100;
    private static final String DDL = """
        CREATE TABLE IF NOT EXISTS sync_meta(
          id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL, store_id TEXT NOT NULL,
          backend_id TEXT NOT NULL, head INTEGER NOT NULL) STRICT;
        CREATE TABLE IF NOT EXISTS batches(
          first_seq INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL, items TEXT NOT NULL) STRICT;
        """;

    private final String storeId;
    private final Path path;
    private final Database db;
    private final Statement insert;
    private final Statement select;
    private final Statement setHead;
    // prepared once: db.exec would parse the text again on every append (~20 µs each on wasm SQLite)
    private final Statement begin;
    private final Statement commit;
    private String backendId;
    private long head;

    private StoreFile(String storeId, Path path, Database db) {
        this.storeId = storeId;
        this.path = path;
        this.db = db;
        this.insert = db.prepare("INSERT INTO batches(first_seq, last_seq, items) VALUES (?, ?, ?)");
        // from the batch that holds seqNum after+1 on
        this.select = db.prepare("SELECT first_seq, last_seq, items FROM batches WHERE first_seq >= "
            + "(SELECT ifnull(max(first_seq), 0) FROM batches WHERE first_seq <= ?1 + 1) AND first_seq <= ?2 ORDER BY first_seq");
        this.setHead = db.prepare("UPDATE sync_meta SET head = ?, backend_id = ? WHERE id = 1");
        this.begin = db.prepare("BEGIN IMMEDIATE");
        this.commit = db.prepare("COMMIT");
    }

    /** A file name for any storeId: the id itself when it is plainly safe, else a hash (the id is kept inside). */
    static String fileName(String storeId) {
        if (storeId.matches("[A-Za-z0-9_-]{1,64}")) return "s-" + storeId + SqliteStorage.SUFFIX;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(storeId.getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(h, 0, 16) + SqliteStorage.SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Database openDatabase(SqliteRuntime runtime, Path path) {
        Database db = runtime.open(path.toString());
        try {
            // exclusive locking first: WAL needs it with this engine's VFS, and it keeps other processes out
            db.exec("PRAGMA locking_mode=EXCLUSIVE");
            try (Statement st = db.prepare("PRAGMA journal_mode=WAL")) {
                st.step();
                if (!"wal".equalsIgnoreCase(st.getText(0))) throw new StorageException(path + ": journal_mode WAL refused (" + st.getText(0) + ")");
            }
            db.exec("PRAGMA synchronous=FULL");
            db.exec(DDL);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static StoreFile open(SqliteRuntime runtime, Path path, String storeId) {
        Database db = openDatabase(runtime, path);
        try {
            StoreFile f = new StoreFile(storeId, path, db);
            f.load();
            return f;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The storeId recorded in a file, or null if it is not a store file (read with a short-lived connection). */
    static String storeIdOf(SqliteRuntime runtime, Path path) {
        if (!Files.isRegularFile(path)) return null;
        String name = path.getFileName().toString();
        if (name.startsWith("s-")) return name.substring(2, name.length() - SqliteStorage.SUFFIX.length());
        try (Database db = openDatabase(runtime, path); Statement st = db.prepare("SELECT store_id FROM sync_meta WHERE id = 1")) {
            return st.step() ? st.getText(0) : null;
        } catch (SqliteException e) {
            throw new StorageException(path + ": cannot read its store id: " + e.getMessage(), e);
        }
    }

    private void load() {
        try (Statement st = db.prepare("SELECT format, store_id, backend_id, head FROM sync_meta WHERE id = 1")) {
            if (st.step()) {
                if (st.getLong(0) != FORMAT) throw new StorageException(path + ": storage format " + st.getLong(0) + ", this server reads " + FORMAT);
                if (!storeId.equals(st.getText(1))) throw new StorageException(path + ": holds store '" + st.getText(1) + "', not '" + storeId + "'");
                backendId = st.getText(2);
                head = st.getLong(3);
                return;
            }
        }
        backendId = BackendIds.newId();
        head = 0;
        db.execute("INSERT INTO sync_meta(id, format, store_id, backend_id, head) VALUES (1, ?, ?, ?, 0)", FORMAT, storeId, backendId);
    }

    synchronized StoreHead head() {
        return new StoreHead(backendId, head);
    }

    /**
     * Appends the batches (chained, the first onto the head) in one transaction: one commit, one flush of the
     * WAL. Consecutive small batches share a row of up to {@link #ROW_EVENTS} events, so a log written by many
     * single-event pushes still reads back in few rows.
     */
    synchronized AppendResult append(String expectedBackendId, List<List<EncodedEvent>> batches, RawJson metadata) {
        if (!backendId.equals(expectedBackendId)) return new AppendResult.BackendIdMismatch(backendId);
        long first = batches.get(0).get(0).seqNum();
        if (batches.get(0).get(0).parentSeqNum() != head) return new AppendResult.ServerAhead(head);
        List<EncodedEvent> lastBatch = batches.get(batches.size() - 1);
        long newHead = lastBatch.get(lastBatch.size() - 1).seqNum();
        try {
            begin.executeUpdate();
            try {
                List<PullEvent> row = new ArrayList<>();
                for (List<EncodedEvent> batch : batches) {
                    if (!row.isEmpty() && row.size() + batch.size() > ROW_EVENTS) insertRow(row);
                    for (EncodedEvent e : batch) row.add(new PullEvent(e, Optional.of(metadata)));
                }
                insertRow(row);
                setHead.bindLong(1, newHead).bindText(2, backendId);
                setHead.executeUpdate();   // steps and resets
                commit.executeUpdate();
            } catch (RuntimeException e) {
                insert.reset();
                setHead.reset();
                if (!db.autocommit()) db.exec("ROLLBACK");
                throw e;
            }
        } catch (SqliteException e) {
            throw new StorageException("store '" + storeId + "': append of seqNum " + first + ".." + newHead + " failed: " + e.getMessage(), e);
        }
        head = newHead;
        return new AppendResult.Appended(newHead);
    }

    /** Inserts the events as one row and empties the list. */
    private void insertRow(List<PullEvent> row) {
        insert.bindLong(1, row.get(0).eventEncoded().seqNum()).bindLong(2, row.get(row.size() - 1).eventEncoded().seqNum())
            .bindText(3, SyncCodec.encodePullEvents(row));
        insert.executeUpdate();
        row.clear();
    }

    synchronized EventPage read(long after, long until, int limit) {
        long last = Math.min(until, head);
        if (after >= last || limit <= 0) return new EventPage(List.of(), Math.max(0, last - after));
        List<PullEvent> out = new ArrayList<>(Math.min(limit, (int) Math.min(last - after, 10_000)));
        try {
            select.bindLong(1, after).bindLong(2, last);
            while (out.size() < limit && select.step()) {
                if (select.getLong(1) <= after) continue;
                for (PullEvent e : SyncCodec.decodePullEvents(select.getText(2))) {
                    long seq = e.eventEncoded().seqNum();
                    if (seq > after && seq <= last && out.size() < limit) out.add(e);
                }
            }
        } catch (SqliteException e) {
            throw new StorageException("store '" + storeId + "': read after " + after + " failed: " + e.getMessage(), e);
        } finally {
            select.reset();
        }
        long lastRead = out.isEmpty() ? after : out.get(out.size() - 1).eventEncoded().seqNum();
        return new EventPage(out, Math.max(0, last - lastRead));  // the log is contiguous: 1..head
    }

    /** {@link #read} as stored text: each row's items are cut apart, not decoded. */
    synchronized RawPage readRaw(long after, long until, int limit) {
        long last = Math.min(until, head);
        if (after >= last || limit <= 0) return new RawPage(after + 1, List.of(), Math.max(0, last - after));
        List<String> out = new ArrayList<>(Math.min(limit, (int) Math.min(last - after, 10_000)));
        try {
            select.bindLong(1, after).bindLong(2, last);
            while (out.size() < limit && select.step()) {
                long rowFirst = select.getLong(0);
                if (select.getLong(1) <= after) continue;
                List<String> items = SyncCodec.splitPullItems(select.getText(2));
                for (int i = 0; i < items.size() && out.size() < limit; i++) {
                    long seq = rowFirst + i;
                    if (seq > after && seq <= last) out.add(items.get(i));
                }
            }
        } catch (SqliteException e) {
            throw new StorageException("store '" + storeId + "': read after " + after + " failed: " + e.getMessage(), e);
        } finally {
            select.reset();
        }
        return new RawPage(after + 1, out, Math.max(0, last - (after + out.size())));
    }

    synchronized long count() {
        try (Statement st = db.prepare("SELECT ifnull(sum(last_seq - first_seq + 1), 0) FROM batches")) {
            st.step();
            return st.getLong(0);
        }
    }

    synchronized StoreHead reset(String newBackendId) {
        try {
            db.transaction(() -> {
                db.exec("DELETE FROM batches");
                db.execute("UPDATE sync_meta SET head = 0, backend_id = ? WHERE id = 1", newBackendId);
            });
        } catch (SqliteException e) {
            throw new StorageException("store '" + storeId + "': reset failed: " + e.getMessage(), e);
        }
        backendId = newBackendId;
        head = 0;
        return head();
    }

    synchronized void close() {
        insert.close();
        select.close();
        setHead.close();
        begin.close();
        commit.close();
        db.close();
    }
}
