package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The executable jar finds both sync storages for `serve --storage`: their ServiceLoader registrations were merged, not one kept. */
class ShadedJarStoragesIT {
    @Test
    void bothStorageFactoriesAndThePostgresDriverAreRegistered() throws Exception {
        String jar = System.getProperty("livestore.cli.jar");
        assertNotNull(jar, "livestore.cli.jar is set by the failsafe configuration");
        try (JarFile f = new JarFile(Path.of(jar).toFile())) {
            String factories = read(f, "META-INF/services/dev.livestorejvm.server.storage.StorageFactory");
            assertTrue(factories.contains("dev.livestorejvm.server.postgres.PostgresStorageFactory"), factories);
            assertTrue(factories.contains("SqliteStorageFactory"), factories);
            assertTrue(read(f, "META-INF/services/java.sql.Driver").contains("org.postgresql.Driver"));
        }
    }

    private static String read(JarFile f, String entry) throws Exception {
        var e = f.getJarEntry(entry);
        assertNotNull(e, entry + " in the jar");
        try (InputStream in = f.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
