package dev.livestorejvm.store;

import dev.livestorejvm.sqlite.Database;
import dev.livestorejvm.sqlite.OpenFlag;
import dev.livestorejvm.sqlite.ResultCode;
import dev.livestorejvm.sqlite.SqliteException;
import dev.livestorejvm.sqlite.SqliteRuntime;
import dev.livestorejvm.sqlite.Statement;
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

    /** True if {@code file} exists and is not empty (SQLite treats an empty file as a new database). */
    static boolean hasContent(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return true;   // there but unreadable: let the open report it
        }
    }

    /**
     * Why the state database {@code file} is unusable: it cannot be opened as a database or
     * {@code PRAGMA quick_check} finds damage; null if it is sound. Opens it on its own, read-only,
     * and closes it again.
     */
    static String stateProblem(SqliteRuntime runtime, Path file) {
        try (Database db = runtime.open(file.toAbsolutePath().toString(), OpenFlag.READONLY)) {
            try (Statement st = db.prepare("PRAGMA quick_check")) {
                List<String> found = new ArrayList<>();
                while (st.step() && found.size() < 3) found.add(st.getText(0));
                return found.equals(List.of("ok")) ? null : "quick_check: " + String.join("; ", found);
            }
        } catch (SqliteException e) {
            int code = e.resultCode();
            if (code == ResultCode.SQLITE_NOTADB || code == ResultCode.SQLITE_CORRUPT) return e.getMessage();
            return null;   // busy, I/O trouble, ...: not a verdict on the file; the open that follows reports it
        }
    }

    /**
     * Renames a broken state database (with its journal) to {@code <name>.broken-<millis>} beside it,
     * where it stays for inspection; returns the new path.
     */
    static Path setAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".broken-" + System.currentTimeMillis());
        try {
            Files.move(file, aside);
            Path journal = file.resolveSibling(file.getFileName() + "-journal");
            if (Files.exists(journal)) Files.move(journal, aside.resolveSibling(aside.getFileName() + "-journal"));
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.CORRUPT_FILE, "the state database " + file + " is unusable and cannot be moved aside to rebuild it: " + e, e);
        }
        return aside;
    }

    /** The state files of other schemas in {@code dir} (and their leftover journals). */
    static List<Path> obsoleteStateFiles(Path dir, String current) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "state*@" + FORMAT_VERSION + ".db*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.equals(current) && !n.startsWith(current + "-") && !n.contains(".broken-")) out.add(p);
            }
        }
        return out;
    }
}
