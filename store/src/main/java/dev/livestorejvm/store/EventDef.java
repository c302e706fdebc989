package dev.livestorejvm.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Objects;

/**
 * An event definition: a name like {@code v1.TodoCreated}, synced or client-only, and the type of
 * its arguments (a record or POJO, read and written by Jackson). Arguments are checked on commit:
 * no unknown property, no mistyped value; a record component is required and non-null
 * ({@code Schema.T}), may be null but must be present with {@code @JsonSetter(nulls = Nulls.SET)}
 * ({@code Schema.NullOr(T)}), and may be absent if it is an {@code Optional<T>}
 * ({@code Schema.optional(T)}; an empty Optional is left out of the JSON, a JSON null is refused).
 * The JSON is JavaScript's: {@code 1.0} is written {@code 1}, so arguments compare equal with a JS
 * client's after a sync round trip; NaN and infinities are refused (JSON has no form for them).
 *
 * <p>The schema hash stored with each event is LiveStore's {@code Schema.hash} of the Effect schema
 * AST, which cannot be computed in Java; by default this store hashes the name and argument type
 * instead. Give the JS value with {@link #withSchemaHash} to write identical eventlog rows (LiveStore
 * only warns when they differ).
 */
public final class EventDef<A> {
    private final String name;
    private final Class<A> argsType;
    private final boolean clientOnly;
    private final long schemaHash;

    private EventDef(String name, Class<A> argsType, boolean clientOnly, long schemaHash) {
        this.name = Objects.requireNonNull(name, "name");
        this.argsType = Objects.requireNonNull(argsType, "argsType");
        this.clientOnly = clientOnly;
        this.schemaHash = schemaHash;
        if (name.isEmpty()) throw new IllegalArgumentException("an event needs a name");
    }

    /** An event pushed to the sync backend. */
    public static <A> EventDef<A> synced(String name, Class<A> argsType) {
        return new EventDef<>(name, argsType, false, defaultHash(name, argsType));
    }

    /** An event kept on this client: numbered {@code client > 0}, never pushed. */
    public static <A> EventDef<A> clientOnly(String name, Class<A> argsType) {
        return new EventDef<>(name, argsType, true, defaultHash(name, argsType));
    }

    public EventDef<A> withSchemaHash(long hash) {
        return new EventDef<>(name, argsType, clientOnly, hash);
    }

    public String name() {
        return name;
    }

    public Class<A> argsType() {
        return argsType;
    }

    public boolean isClientOnly() {
        return clientOnly;
    }

    public long schemaHash() {
        return schemaHash;
    }

    /** An event of this definition with these arguments, to commit. */
    public Event of(A args) {
        return new Event(name, args, null);
    }

    /** Encodes arguments to the JSON stored in the eventlog, checking them by decoding it again. */
    String encode(Object args) {
        if (args == null) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "event " + name + " has no arguments");
        if (!argsType.isInstance(args)) {
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "event " + name + " takes " + argsType.getName() + ", got " + args.getClass().getName());
        }
        String json;
        try {
            json = Json.ARGS.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "arguments of event " + name + " cannot be encoded: " + e.getOriginalMessage(), e);
        }
        decode(json);
        return json;
    }

    /** Decodes stored arguments; a {@link StoreException} naming the event if they do not fit. */
    A decode(String argsJson) {
        try {
            A a = Json.ARGS.readValue(argsJson, argsType);
            if (a == null) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "event " + name + " has null arguments");
            return a;
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "arguments of event " + name + " do not fit " + argsType.getSimpleName() + ": "
                + e.getOriginalMessage() + " (args " + argsJson + ")", e);
        }
    }

    private static long defaultHash(String name, Class<?> type) {
        StringBuilder s = new StringBuilder(name).append(':').append(type.getName());
        if (type.isRecord()) {
            for (var c : type.getRecordComponents()) s.append(',').append(c.getName()).append(':').append(c.getGenericType().getTypeName());
        }
        return LiveStoreHash.of(s.toString());
    }

    @Override
    public String toString() {
        return "EventDef[" + name + (clientOnly ? ", client-only" : "") + "]";
    }
}
