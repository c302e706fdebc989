package dev.livestorejvm.jdbc;

import dev.livestorejvm.sqlite.OpenFlag;
import dev.livestorejvm.sqlite.ResultCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What a URL and {@link Properties} ask for: the name SQLite opens, its flags, and the driver's
 * parameters. A plain path takes driver parameters after {@code ?}; a {@code file:} URI keeps
 * SQLite's own parameters ({@code mode}, {@code vfs}, {@code cache}, {@code immutable}, ...) and
 * gives the driver's to the driver. Names accept {@code -} or {@code _}.
 */
final class ConnectionConfig {
    static final String PREFIX = "jdbc:livestore-sqlite:";

    /** The driver's parameters, with their defaults (null: SQLite's default is left alone). */
    enum Param {
        BUSY_TIMEOUT("3000", "milliseconds to wait for another connection's lock before SQLITE_BUSY"),
        JOURNAL_MODE(null, "PRAGMA journal_mode (DELETE, TRUNCATE, PERSIST, MEMORY, OFF; WAL needs locking_mode=EXCLUSIVE)"),
        SYNCHRONOUS(null, "PRAGMA synchronous (OFF, NORMAL, FULL, EXTRA)"),
        FOREIGN_KEYS(null, "PRAGMA foreign_keys (true/false)"),
        LOCKING_MODE(null, "PRAGMA locking_mode (NORMAL, EXCLUSIVE)"),
        CACHE_SIZE(null, "PRAGMA cache_size"),
        FILE_BATCH_ATOMIC("false", "open files through the batch-atomic VFS: one sync per commit"),
        FTS5("false", "use the binary with FTS5 compiled in"),
        READ_ONLY("false", "open read-only (SQLITE_OPEN_READONLY)"),
        CREATE("true", "create the file if missing"),
        TRANSACTION_MODE("DEFERRED", "how BEGIN starts transactions when auto-commit is off (DEFERRED, IMMEDIATE, EXCLUSIVE)"),
        DATE_CLASS("INTEGER", "how setDate/setTime/setTimestamp store values: INTEGER (epoch milliseconds), TEXT, REAL (Julian day)"),
        DEDICATED_RUNTIME("false", "give this connection its own SQLite runtime instead of one of the shared ones");

        final String defaultValue;
        final String description;

        Param(String defaultValue, String description) {
            this.defaultValue = defaultValue;
            this.description = description;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Param of(String key) {
            String k = key.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Param p : values()) if (p.name().equals(k)) return p;
            return null;
        }
    }

    final String url;
    /** The name given to sqlite3_open_v2. */
    final String filename;
    final int flags;
    /** The VFS to open with, or null for the default. */
    final String vfs;
    /** True for databases that exist only inside one runtime's memory VFS: every connection to them goes to the same runtime. */
    final boolean runtimeLocal;
    final boolean memory;
    private final Map<Param, String> params;

    private ConnectionConfig(String url, String filename, int flags, String vfs, boolean runtimeLocal, boolean memory,
                             Map<Param, String> params) {
        this.url = url;
        this.filename = filename;
        this.flags = flags;
        this.vfs = vfs;
        this.runtimeLocal = runtimeLocal;
        this.memory = memory;
        this.params = params;
    }

    static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static ConnectionConfig parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) throw invalid(url, "the URL does not start with " + PREFIX);
        String rest = url.substring(PREFIX.length());
        Map<Param, String> params = new LinkedHashMap<>();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                Param p = Param.of(key);
                if (p != null) params.put(p, info.getProperty(key));   // others (user, password, tools' own) are ignored
            }
        }
        String filename;
        boolean uri = rest.regionMatches(true, 0, "file:", 0, 5);
        Map<String, String> sqliteParams = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                Param p = Param.of(k);
                if (p != null) params.put(p, v);
                else if (uri) sqliteParams.put(k, v);
                else throw invalid(url, "unknown parameter '" + k + "' (driver parameters: " + paramNames() + ")");
            }
        }
        boolean readOnly = bool(params, Param.READ_ONLY, url);
        boolean create = bool(params, Param.CREATE, url);
        int flags = (readOnly ? OpenFlag.READONLY : OpenFlag.READWRITE) | (create && !readOnly ? OpenFlag.CREATE : 0)
            | OpenFlag.URI;
        String vfs = null;
        boolean runtimeLocal = false;
        boolean memory;
        if (uri) {
            String mode = sqliteParams.get("mode");
            if ("ro".equals(mode)) readOnly = true;
            String namedVfs = sqliteParams.get("vfs");
            memory = "memory".equals(mode) || "memory".equals(namedVfs) || path.equals("file::memory:");
            // named in-memory databases live in one runtime: shared cache is not compiled in, so
            // "mode=memory&cache=shared" becomes this engine's memory VFS, shared by name in that runtime
            if ("memory".equals(mode) && "shared".equals(sqliteParams.get("cache"))) {
                sqliteParams.remove("mode");
                sqliteParams.remove("cache");
                sqliteParams.put("vfs", "memory");
                namedVfs = "memory";
            }
            runtimeLocal = "memory".equals(namedVfs);
            StringBuilder s = new StringBuilder(path);
            char sep = '?';
            for (Map.Entry<String, String> e : sqliteParams.entrySet()) {
                s.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = '&';
            }
            filename = s.toString();
        } else {
            memory = path.isEmpty() || path.equals(":memory:");
            filename = memory ? ":memory:" : path;
            if (!memory && path.indexOf('?') < 0 && path.indexOf('#') < 0) {
                // a plain path opened with SQLITE_OPEN_URI must not be read as a URI: it is not one
                flags &= ~OpenFlag.URI;
            }
        }
        if (!memory && bool(params, Param.FILE_BATCH_ATOMIC, url) && !(uri && sqliteParams.containsKey("vfs"))) {
            vfs = "file-batch-atomic";
        }
        if (readOnly) params.put(Param.READ_ONLY, "true");
        ConnectionConfig c = new ConnectionConfig(url, filename, flags, vfs, runtimeLocal, memory, params);
        c.validate();
        return c;
    }

    String get(Param p) {
        return params.getOrDefault(p, p.defaultValue);
    }

    boolean flag(Param p) {
        try {
            return bool(params, p, url);
        } catch (SQLException e) {
            throw new AssertionError("validated when parsed", e);
        }
    }

    int busyTimeout() throws SQLException {
        return integer(Param.BUSY_TIMEOUT);
    }

    private void validate() throws SQLException {
        integer(Param.BUSY_TIMEOUT);
        if (get(Param.CACHE_SIZE) != null) integer(Param.CACHE_SIZE);
        oneOf(Param.TRANSACTION_MODE, "DEFERRED", "IMMEDIATE", "EXCLUSIVE");
        oneOf(Param.DATE_CLASS, "INTEGER", "TEXT", "REAL");
        oneOf(Param.JOURNAL_MODE, "DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF");
        oneOf(Param.SYNCHRONOUS, "OFF", "NORMAL", "FULL", "EXTRA", "0", "1", "2", "3");
        oneOf(Param.LOCKING_MODE, "NORMAL", "EXCLUSIVE");
        for (Param p : new Param[] {Param.FOREIGN_KEYS, Param.FILE_BATCH_ATOMIC, Param.FTS5, Param.READ_ONLY, Param.CREATE,
            Param.DEDICATED_RUNTIME}) {
            if (get(p) != null) bool(params, p, url);
        }
    }

    private int integer(Param p) throws SQLException {
        try {
            return Integer.parseInt(get(p).trim());
        } catch (NumberFormatException e) {
            throw invalid(url, p.key() + " must be an integer, was '" + get(p) + "'");
        }
    }

    private void oneOf(Param p, String... allowed) throws SQLException {
        String v = get(p);
        if (v == null) return;
        for (String a : allowed) if (a.equalsIgnoreCase(v.trim())) return;
        throw invalid(url, p.key() + " must be one of " + String.join(", ", allowed) + ", was '" + v + "'");
    }

    private static boolean bool(Map<Param, String> params, Param p, String url) throws SQLException {
        String v = params.getOrDefault(p, p.defaultValue);
        if (v == null) return false;
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on": case "": return true;
            case "false": case "0": case "no": case "off": return false;
            default: throw invalid(url, p.key() + " must be true or false, was '" + v + "'");
        }
    }

    static String paramNames() {
        StringBuilder s = new StringBuilder();
        for (Param p : Param.values()) s.append(s.length() == 0 ? "" : ", ").append(p.key());
        return s.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static SQLException invalid(String url, String why) {
        return new SQLNonTransientConnectionException("[SQLITE_MISUSE] invalid URL " + url + ": " + why, "08001",
            ResultCode.SQLITE_MISUSE);
    }
}
