package dev.livestorejvm.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The file layout of a store: {@code <base>/<storeId>/eventlog@6.db} and {@code state<hash>@6.db}. */
final class StoreFiles {
    /** LiveStore's {@code liveStoreStorageFormatVersion}. */
    static final int FORMAT_VERSION = 6;
    static final String EVENTLOG_FILE = "eventlog@" + FORMAT_VERSION + ".db";

    private StoreFiles() {}

    /** The state files of other schemas in {@code dir} (and their leftover journals). */
    static List<Path> obsoleteStateFiles(Path dir, String current) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "state*@" + FORMAT_VERSION + ".db*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.equals(current) && !n.startsWith(current + "-")) out.add(p);
            }
        }
        return out;
    }
}
