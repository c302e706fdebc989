package dev.livestorejvm.vfs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The bytes of one in-memory file, in fixed-size chunks so that large temp files need no huge array copies. */
final class MemoryStorage {
    private static final int CHUNK = 64 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    final LockTable locks = new LockTable();

    synchronized long size() {
        return size;
    }

    synchronized int read(ByteBuffer dst, long offset) {
        if (offset >= size) return 0;
        int n = (int) Math.min(dst.remaining(), size - offset);
        int done = 0;
        while (done < n) {
            long pos = offset + done;
            int in = (int) (pos % CHUNK);
            int len = Math.min(n - done, CHUNK - in);
            dst.put(chunks.get((int) (pos / CHUNK)), in, len);
            done += len;
        }
        return n;
    }

    synchronized void write(ByteBuffer src, long offset) {
        long end = offset + src.remaining();
        ensureChunks(end);
        while (src.hasRemaining()) {
            long pos = offset;
            int in = (int) (pos % CHUNK);
            int len = Math.min(src.remaining(), CHUNK - in);
            src.get(chunks.get((int) (pos / CHUNK)), in, len);
            offset += len;
        }
        if (end > size) size = end;
    }

    synchronized void truncate(long newSize) {
        if (newSize >= size) {
            ensureChunks(newSize);   // growing reads back as zeros
        } else {
            int keep = (int) ((newSize + CHUNK - 1) / CHUNK);
            while (chunks.size() > keep) chunks.remove(chunks.size() - 1);
            int tail = (int) (newSize % CHUNK);
            if (tail != 0) java.util.Arrays.fill(chunks.get(keep - 1), tail, CHUNK, (byte) 0);
        }
        size = newSize;
    }

    private void ensureChunks(long end) {
        long need = (end + CHUNK - 1) / CHUNK;
        if (need > Integer.MAX_VALUE) throw new IllegalArgumentException("file too large: " + end);
        while (chunks.size() < need) chunks.add(new byte[CHUNK]);
    }
}
