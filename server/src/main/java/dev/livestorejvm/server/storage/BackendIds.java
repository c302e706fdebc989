package dev.livestorejvm.server.storage;

import java.security.SecureRandom;

/** New backendIds: 21 random URL-safe characters, like the nanoid sync-cf's Durable Object uses. */
public final class BackendIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict".toCharArray();

    private BackendIds() {}

    public static String newId() {
        char[] id = new char[21];
        for (int i = 0; i < id.length; i++) id[i] = ALPHABET[RANDOM.nextInt(64)];
        return new String(id);
    }
}
