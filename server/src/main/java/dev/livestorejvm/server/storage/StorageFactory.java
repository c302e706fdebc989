package dev.livestorejvm.server.storage;

/**
 * Opens a {@link SyncStorage} from a URL such as {@code sqlite:/var/lib/sync} or {@code postgres://host/db}.
 * Implementations are found with {@link java.util.ServiceLoader} (register in
 * {@code META-INF/services/dev.livestorejvm.server.storage.StorageFactory}), so the command line needs no
 * compile-time dependency on optional storages.
 */
public interface StorageFactory {
    /** The URL scheme this factory opens, without the colon: {@code sqlite}, {@code postgres}. */
    String scheme();

    /** Opens the storage; {@code url} is the whole URL including the scheme. */
    SyncStorage open(String url);

    /** The factory for {@code url}'s scheme, among those on the class path. */
    static StorageFactory forUrl(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("storage URL '" + url + "' has no scheme (expected sqlite:DIR or postgres:URL)");
        String scheme = url.substring(0, colon);
        java.util.List<String> known = new java.util.ArrayList<>();
        for (StorageFactory f : java.util.ServiceLoader.load(StorageFactory.class)) {
            if (f.scheme().equals(scheme)) return f;
            known.add(f.scheme());
        }
        throw new IllegalArgumentException("no storage for scheme '" + scheme + "' in '" + url + "' (available: " + known + ")");
    }
}
