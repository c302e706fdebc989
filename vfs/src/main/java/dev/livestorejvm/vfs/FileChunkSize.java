package dev.livestorejvm.vfs;

/** {@code SQLITE_FCNTL_CHUNK_SIZE}: grow and shrink the file in multiples of this many bytes. */
public interface FileChunkSize {
    void chunkSize(int size);
}
