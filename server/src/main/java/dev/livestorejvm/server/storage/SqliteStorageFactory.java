package dev.livestorejvm.server.storage;

import java.nio.file.Path;

/** {@code sqlite:DIR}: the embedded storage in directory DIR (created if missing). */
public final class SqliteStorageFactory implements StorageFactory {
    @Override
    public String scheme() {
        return "sqlite";
    }

    @Override
    public SyncStorage open(String url) {
        String dir = url.substring(url.indexOf(':') + 1);
        if (dir.isEmpty()) throw new IllegalArgumentException("storage URL '" + url + "' names no directory (expected sqlite:DIR)");
        return new SqliteStorage(Path.of(dir));
    }
}
