package dev.livestorejvm.wasm;

import java.util.HashMap;
import java.util.Map;

/**
 * The one dispatcher behind every relay import: the key (first argument) selects a registered
 * {@link RelayTarget}; for object targets the method name is read from the C string that follows
 * (those are literals in the binary's data segment, so their decoding is cached by address).
 */
final class Relay {
    static final int SQLITE_ERROR = 1;

    private final Map<Integer, RelayTarget> targets = new HashMap<>();
    private final Map<Integer, String> methodNames = new HashMap<>();
    private WasmInstance wasm;
    private Throwable escaped;

    void attach(WasmInstance wasm) {
        this.wasm = wasm;
    }

    void register(int key, RelayTarget target) {
        targets.put(key, target);
    }

    void unregister(int key) {
        targets.remove(key);
    }

    boolean has(int key) {
        return targets.containsKey(key);
    }

    /** Every registered target, for a look over all of them (e.g. the VFSes' open files). */
    java.util.Collection<RelayTarget> all() {
        return targets.values();
    }

    int size() {
        return targets.size();
    }

    /** The exception a target let escape since the last call, if any (then cleared). */
    Throwable takeEscaped() {
        Throwable t = escaped;
        escaped = null;
        return t;
    }

    long[] dispatch(String relay, boolean returnsInt, long[] args) {
        int key = (int) args[0];
        RelayTarget target = targets.get(key);
        if (target == null) {
            throw new WasmAbort("relay " + relay + " called with key " + key + ", which names no registered callback");
        }
        int result;
        try {
            if (target.hasMethods()) {
                result = target.invoke(methodName((int) args[1]), args, 2);
            } else {
                result = target.invoke(null, args, 1);
            }
        } catch (WasmAbort abort) {
            throw abort;
        } catch (RuntimeException | Error e) {
            if (escaped == null) escaped = e; else escaped.addSuppressed(e);
            result = SQLITE_ERROR;
        }
        return returnsInt ? new long[] {result} : null;
    }

    private String methodName(int ptr) {
        String name = methodNames.get(ptr);   // not computeIfAbsent(ptr, wasm::readCString): that allocates a method reference per call
        if (name == null) {
            name = wasm.readCString(ptr);
            methodNames.put(ptr, name);
        }
        return name;
    }
}
