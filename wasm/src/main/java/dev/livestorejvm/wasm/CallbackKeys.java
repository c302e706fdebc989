package dev.livestorejvm.wasm;

import java.util.HashMap;
import java.util.Map;

/**
 * The relay keys of each connection's callbacks, by slot ({@code "commit"}, {@code "function:name/2"},
 * ...), so that a replaced or removed callback, or every callback of a closed connection, leaves
 * the relay. A key is a {@code sqlite3_malloc}'d int holding 0 (the C adapters read async flags
 * from it); user functions hand theirs to SQLite, which frees it itself ({@code xDestroy =
 * sqlite3_free}) when the function is replaced or the connection closes.
 */
final class CallbackKeys {
    private record Entry(int key, boolean freedBySqlite) {}

    private final WasmInstance wasm;
    private final Relay relay;
    private final Map<Integer, Map<String, Entry>> byDb = new HashMap<>();

    CallbackKeys(WasmInstance wasm, Relay relay) {
        this.wasm = wasm;
        this.relay = relay;
    }

    /** A new key for {@code target}, registered in the relay but not yet bound to a slot. */
    int newKey(RelayTarget target) {
        int key = wasm.malloc(4);
        wasm.memory.writeI32(key, 0);
        relay.register(key, target);
        return key;
    }

    /** Undoes {@link #newKey} for a key SQLite never took (or already freed, if {@code freedBySqlite}). */
    void discard(int key, boolean freedBySqlite) {
        relay.unregister(key);
        if (!freedBySqlite) wasm.free(key);
    }

    /** Binds {@code key} (0: none) to a slot of {@code db}, releasing the key it replaces. */
    void bind(int db, String slot, int key, boolean freedBySqlite) {
        Map<String, Entry> slots = byDb.computeIfAbsent(db, d -> new HashMap<>());
        Entry old = key == 0 ? slots.remove(slot) : slots.put(slot, new Entry(key, freedBySqlite));
        if (old != null) discard(old.key, old.freedBySqlite);
        if (slots.isEmpty()) byDb.remove(db);
    }

    /** Releases every key of a closed connection. */
    void closed(int db) {
        Map<String, Entry> slots = byDb.remove(db);
        if (slots == null) return;
        for (Entry e : slots.values()) discard(e.key, e.freedBySqlite);
    }
}
