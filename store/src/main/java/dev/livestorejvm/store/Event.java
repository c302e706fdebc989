package dev.livestorejvm.store;

import java.util.Objects;

/**
 * An event to commit: a definition's name with typed arguments ({@link EventDef#of}), or a name
 * with arguments as JSON text ({@link #ofJson}), decoded by the store's schema on commit.
 */
public final class Event {
    private final String name;
    private final Object args;
    private final String argsJson;

    Event(String name, Object args, String argsJson) {
        this.name = Objects.requireNonNull(name, "name");
        this.args = args;
        this.argsJson = argsJson;
    }

    /** An event given by name and JSON arguments, as a sync backend or a script would hand it over. */
    public static Event ofJson(String name, String argsJson) {
        return new Event(name, null, Objects.requireNonNull(argsJson, "argsJson"));
    }

    public String name() {
        return name;
    }

    /** The typed arguments, or null for an event given as JSON. */
    public Object args() {
        return args;
    }

    /** The JSON arguments, or null for an event given with typed arguments. */
    public String argsJson() {
        return argsJson;
    }

    @Override
    public String toString() {
        return name + (argsJson != null ? argsJson : String.valueOf(args));
    }
}
