package dev.livestorejvm.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** `serve` never prints a storage password. */
class StorageUrlTest {
    @Test
    void passwordsAreHidden() {
        assertEquals("postgres://sync:***@db:5432/livestore", ServeCommand.withoutPassword("postgres://sync:s3cret@db:5432/livestore"));
        assertEquals("postgres:jdbc:postgresql://db/x?user=a&password=***&ssl=true",
            ServeCommand.withoutPassword("postgres:jdbc:postgresql://db/x?user=a&password=s3cret&ssl=true"));
        assertEquals("sqlite:./sync-data", ServeCommand.withoutPassword("sqlite:./sync-data"));
        assertEquals("postgres://sync@db/livestore", ServeCommand.withoutPassword("postgres://sync@db/livestore"));
    }
}
