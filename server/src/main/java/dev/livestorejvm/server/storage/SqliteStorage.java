package dev.livestorejvm.server.storage;

import dev.livestorejvm.protocol.EncodedEvent;
import dev.livestorejvm.protocol.RawJson;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded storage: one SQLite file per store in a directory ({@code sqlite:DIR}), written through
 * this project's engine. WAL with exclusive locking and {@code synchronous=FULL}: a commit is one fsync
 * of the WAL, durable before {@link #append} returns; the exclusive lock also keeps a second server
 * process off the same directory. Stores are spread over a few {@link SqliteRuntime}s (each one
 * wasm instance, entered by one thread at a time), so different stores write in parallel.
 */
public final class SqliteStorage implements SyncStorage {
    static final String SUFFIX = ".sync.db";

    private final Path dir;
    private final SqliteRuntime[] runtimes;
    private final Map<String, StoreFile> files = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SqliteStorage(Path dir) {
        this(dir, 2);
    }

    /** {@code runtimes}: how many wasm instances the stores are spread over (parallel writers). */
    public SqliteStorage(Path dir, int runtimes) {
        this.dir = dir.toAbsolutePath();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new StorageException("cannot create the storage directory " + this.dir + ": " + e, e);
        }
        if (runtimes < 1) throw new IllegalArgumentException("runtimes must be >= 1, got " + runtimes);
        this.runtimes = new SqliteRuntime[runtimes];
    }

    public Path directory() {
        return dir;
    }

    private synchronized SqliteRuntime runtime(String storeId) {
        int i = Math.floorMod(storeId.hashCode(), runtimes.length);
        if (runtimes[i] == null) runtimes[i] = SqliteRuntime.create();
        return runtimes[i];
    }

    private StoreFile file(String storeId) {
        if (closed) throw new StorageException("storage " + dir + " is closed");
        return files.computeIfAbsent(storeId, id -> {
            try {
                return StoreFile.open(runtime(id), dir.resolve(StoreFile.fileName(id)), id);
            } catch (SqliteException e) {
                throw new StorageException("store '" + id + "': cannot open " + dir.resolve(StoreFile.fileName(id)) + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public StoreHead head(String storeId) {
        return file(storeId).head();
    }

    @Override
    public AppendResult append(String storeId, String expectedBackendId, List<EncodedEvent> batch, RawJson metadata) {
        return appendAll(storeId, expectedBackendId, List.of(batch), metadata);
    }

    @Override
    public AppendResult appendAll(String storeId, String expectedBackendId, List<List<EncodedEvent>> batches, RawJson metadata) {
        EncodedEvent previous = null;
        int index = 0;
        for (List<EncodedEvent> batch : batches) {
            if (batch.isEmpty()) throw new IllegalArgumentException("store '" + storeId + "': empty batch");
            for (EncodedEvent e : batch) {
                if (previous != null && (e.seqNum() != previous.seqNum() + 1 || e.parentSeqNum() != previous.seqNum())) {
                    throw new IllegalArgumentException("store '" + storeId + "': batch not contiguous at index " + index);
                }
                previous = e;
                index++;
            }
        }
        if (batches.isEmpty()) throw new IllegalArgumentException("store '" + storeId + "': empty batch");
        return file(storeId).append(expectedBackendId, batches, metadata);
    }

    @Override
    public EventPage read(String storeId, long afterSeqNum, long untilSeqNum, int limit) {
        return file(storeId).read(afterSeqNum, untilSeqNum, limit);
    }

    @Override
    public RawPage readRaw(String storeId, long afterSeqNum, long untilSeqNum, int limit) {
        return file(storeId).readRaw(afterSeqNum, untilSeqNum, limit);
    }

    @Override
    public StoreHead reset(String storeId) {
        return file(storeId).reset(BackendIds.newId());
    }

    @Override
    public List<StoreInfo> stores() {
        List<StoreInfo> out = new ArrayList<>();
        Map<String, String> openByFileName = new java.util.HashMap<>();
        for (String id : files.keySet()) openByFileName.put(StoreFile.fileName(id), id);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                // a store open here holds its file's exclusive lock: map it back by name
                String storeId = openByFileName.containsKey(name) ? openByFileName.get(name) : StoreFile.storeIdOf(runtime(name), p);
                if (storeId == null) continue;
                StoreFile f = file(storeId);
                StoreHead h = f.head();
                out.add(new StoreInfo(storeId, h.backendId(), h.head(), f.count()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(StoreInfo::storeId));
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (StoreFile f : files.values()) f.close();
        files.clear();
        for (SqliteRuntime r : runtimes) if (r != null) r.close();
    }
}
