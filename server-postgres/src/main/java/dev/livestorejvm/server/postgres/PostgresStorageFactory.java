package dev.livestorejvm.server.postgres;

import dev.livestorejvm.server.storage.StorageFactory;
import dev.livestorejvm.server.storage.SyncStorage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code postgres:URL}, found by {@code serve --storage} through ServiceLoader. Two spellings:
 * {@code postgres://[user[:password]@]host[:port]/database[?params]} (as libpq writes it) and
 * {@code postgres:jdbc:postgresql://host[:port]/database[?params]} (the driver's own URL). Besides the
 * driver's parameters, {@code maxConnections} (pool size, default 10) and {@code pollMillis} (the doorbell's
 * fallback poll, default 1000) are read here and not passed on.
 */
public final class PostgresStorageFactory implements StorageFactory {
    static final int DEFAULT_MAX_CONNECTIONS = 10;
    static final long DEFAULT_POLL_MILLIS = 1000;

    @Override
    public String scheme() {
        return "postgres";
    }

    @Override
    public SyncStorage open(String url) {
        Parsed p = parse(url);
        return new PostgresStorage(p.jdbcUrl(), p.properties(), p.maxConnections(), Duration.ofMillis(p.pollMillis()));
    }

    record Parsed(String jdbcUrl, Properties properties, int maxConnections, long pollMillis) {}

    static Parsed parse(String url) {
        String rest;
        Properties props = new Properties();
        if (url.startsWith("postgres:jdbc:postgresql:")) {
            rest = url.substring("postgres:jdbc:postgresql:".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres:".length());
            int at = rest.indexOf('@');
            int slash = rest.indexOf('/', 2);
            if (at > 0 && (slash < 0 || at < slash)) {
                String userInfo = rest.substring(2, at);
                int colon = userInfo.indexOf(':');
                props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    props.setProperty("password", decode(userInfo.substring(colon + 1)));
                }
                rest = "//" + rest.substring(at + 1);
            }
        } else {
            throw new IllegalArgumentException("storage URL '" + redact(url) + "' is not postgres://[user[:password]@]host[:port]/database"
                + " nor postgres:jdbc:postgresql://host[:port]/database");
        }
        if (!rest.startsWith("//") || rest.indexOf('/', 2) < 0) {
            throw new IllegalArgumentException("storage URL '" + redact(url) + "' names no host and database (postgres://host[:port]/database)");
        }
        int maxConnections = DEFAULT_MAX_CONNECTIONS;
        long pollMillis = DEFAULT_POLL_MILLIS;
        int q = rest.indexOf('?');
        String base = q < 0 ? rest : rest.substring(0, q);
        List<String> passed = new ArrayList<>();
        if (q >= 0) {
            for (String param : rest.substring(q + 1).split("&")) {
                if (param.startsWith("maxConnections=")) {
                    maxConnections = positive(param, url);
                } else if (param.startsWith("pollMillis=")) {
                    pollMillis = positive(param, url);
                } else if (!param.isEmpty()) {
                    passed.add(param);
                }
            }
        }
        String jdbcUrl = "jdbc:postgresql:" + base + (passed.isEmpty() ? "" : "?" + String.join("&", passed));
        return new Parsed(jdbcUrl, props, maxConnections, pollMillis);
    }

    private static int positive(String param, String url) {
        String value = param.substring(param.indexOf('=') + 1);
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("storage URL '" + redact(url) + "': " + param + " is not a positive integer");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without its password, for error messages. */
    static String redact(String url) {
        return url.replaceAll("(//[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
