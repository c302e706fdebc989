package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 6: {@code inspect} on what is not a format-6 store directory said only "no
 * eventlog@6.db", whatever it was given; now it says what it found.
 */
class InspectMessagesTest {
    @TempDir
    Path base;

    private String error(Path dir) {
        Cli.Result r = Cli.run("", "inspect", dir.toString());
        assertEquals(2, r.code(), r.toString());
        return r.err().trim();
    }

    @Test
    void aMissingPath() {
        Path missing = base.resolve("nope");
        assertEquals("Error: " + missing + " does not exist", error(missing));
    }

    @Test
    void anotherFormatVersion() throws Exception {
        Path store = Files.createDirectories(base.resolve("old"));
        Files.write(store.resolve("eventlog@5.db"), new byte[] {1});
        Files.write(store.resolve("state123@5.db"), new byte[] {1});
        assertEquals("Error: " + store + " holds a store of another format version (eventlog@5.db): this tool reads format version 6"
            + " (eventlog@6.db, LiveStore 0.4.0)", error(store));
    }

    @Test
    void theEventlogFileItself() throws Exception {
        Path store = Files.createDirectories(base.resolve("todo"));
        Path file = Files.write(store.resolve("eventlog@6.db"), new byte[] {1});
        assertEquals("Error: " + file + " is a file, not a store directory: give the directory that holds it, " + store, error(file));
    }

    @Test
    void theBaseDirectoryOfStores() throws Exception {
        Files.write(Files.createDirectories(base.resolve("todo")).resolve("eventlog@6.db"), new byte[] {1});
        assertEquals("Error: " + base + " is a base directory, not a store directory: it holds the store(s) todo; inspect "
            + base.resolve("todo"), error(base));
    }

    @Test
    void anEmptyDirectory() {
        assertEquals("Error: " + base + " is not a store directory: it holds no eventlog@6.db", error(base));
    }
}
