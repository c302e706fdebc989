package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes a table a client document ({@code State.SQLite.clientDocument}): its value type and
 * default, the id {@code set(value)} uses when given none ({@code default.id}), whether a set merges
 * into the stored document ({@code partialSet}, LiveStore's default) or replaces it, and the derived
 * {@code <name>Set} event and materializer.
 *
 * <p>With a value type (a record or POJO), a set value must fit it as LiveStore's schema would have
 * it: a value of that type, or (partial set) a map of some of its properties, each of the property's
 * type; anything else is refused with a {@link StoreException} naming the document, on commit and
 * when a set event arrives as JSON. Without one, any JSON value is taken (this store's older API).
 */
final class ClientDocument {
    final Object defaultValue;
    final Class<?> valueType;
    final String defaultId;
    final boolean partialSet;
    final EventDef<Map<String, Object>> setEvent;
    /** The default as a JSON object (in JavaScript's encoding), or null if it is not an object. */
    private final Map<String, Object> defaultObject;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ClientDocument(String table, Class<?> valueType, Object defaultValue) {
        this(defaultValue, valueType, Table.DEFAULT_DOCUMENT_ID, true, (EventDef) EventDef.clientOnly(table + "Set", Map.class));
        if (valueType != null && defaultValue != null && !valueType.isInstance(defaultValue)) {
            throw new IllegalArgumentException("client document " + table + " takes " + valueType.getName() + ", its default is a "
                + defaultValue.getClass().getName());
        }
    }

    @SuppressWarnings("unchecked")
    private ClientDocument(Object defaultValue, Class<?> valueType, String defaultId, boolean partialSet,
                           EventDef<Map<String, Object>> setEvent) {
        this.defaultValue = defaultValue;
        this.valueType = valueType;
        this.defaultId = defaultId;
        this.partialSet = partialSet;
        this.setEvent = setEvent;
        Object encoded = defaultValue == null ? null : Json.ARGS.convertValue(defaultValue, Object.class);
        this.defaultObject = encoded instanceof Map ? (Map<String, Object>) encoded : null;
    }

    ClientDocument withSetEventSchemaHash(long hash) {
        return new ClientDocument(defaultValue, valueType, defaultId, partialSet, setEvent.withSchemaHash(hash));
    }

    ClientDocument withDefaultId(String id) {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("a client document's default id must be a non-empty string");
        return new ClientDocument(defaultValue, valueType, id, partialSet, setEvent);
    }

    ClientDocument withPartialSet(boolean partial) {
        return new ClientDocument(defaultValue, valueType, defaultId, partial, setEvent);
    }

    /** The arguments of a {@code <name>Set} event: {@code {id, value}} with the value checked and in JSON form. */
    Map<String, Object> setArgs(String id, Object value) {
        if (id == null) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "event " + setEvent.name() + " needs a document id");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("id", id);
        args.put("value", checked(value));
        return args;
    }

    /**
     * {@code value} as JSON-ready data (maps, lists, strings, numbers), checked against the value type:
     * a partial map is checked by decoding it merged into the default.
     */
    private Object checked(Object value) {
        if (valueType == null) return value;
        String doc = setEvent.name().substring(0, setEvent.name().length() - 3);
        try {
            if (valueType.isInstance(value)) return Json.ARGS.convertValue(value, Object.class);
            if (value instanceof Map && partialSet && defaultObject != null) {
                Map<String, Object> merged = new LinkedHashMap<>(defaultObject);
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) merged.put(String.valueOf(e.getKey()), e.getValue());
                Json.ARGS.convertValue(merged, valueType);
                return Json.ARGS.convertValue(value, Object.class);
            }
            Object typed = Json.ARGS.convertValue(value, valueType);
            if (typed == null) throw new IllegalArgumentException("null");
            return Json.ARGS.convertValue(typed, Object.class);
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "client document " + doc + " takes " + valueType.getSimpleName()
                + (partialSet ? " or a map of some of its properties" : "") + "; the value " + value + " does not fit: "
                + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** The write of one {@code <name>Set} event: merge an object into the stored document (or its default), or replace it. */
    List<Write> materialize(Table table, Map<String, Object> args) {
        Object id = args.get("id");
        if (!(id instanceof String)) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "event " + setEvent.name() + " needs a string id, got " + id);
        if (!args.containsKey("value")) throw new StoreException(StoreException.Kind.BAD_ARGUMENTS, "event " + setEvent.name() + " is missing its value");
        Object value = checked(args.get("value"));
        String t = Sql.quoteTable(table.name());
        if (partialSet && value instanceof Map && (defaultValue == null || defaultObject != null)) {
            Map<String, Object> initial = new LinkedHashMap<>();
            if (defaultObject != null) initial.putAll(defaultObject);
            Map<?, ?> partial = (Map<?, ?>) value;
            for (Map.Entry<?, ?> e : partial.entrySet()) initial.put(String.valueOf(e.getKey()), e.getValue());
            if (partial.isEmpty()) {
                return List.of(Write.sql("INSERT INTO " + t + " (id, value) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                    Set.of(table.name()), id, Json.write(initial)));
            }
            StringBuilder sql = new StringBuilder("INSERT INTO " + t + " (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = json_set(value");
            List<Object> binds = new ArrayList<>(List.of(id, Json.write(initial)));
            for (Map.Entry<?, ?> e : partial.entrySet()) {
                sql.append(", ?, json(?)");
                binds.add("$.\"" + e.getKey() + "\"");
                binds.add(Json.write(e.getValue()));
            }
            sql.append(")");
            return List.of(Write.sql(sql.toString(), Set.of(table.name()), binds.toArray()));
        }
        String json = Json.write(value);
        return List.of(Write.sql("INSERT INTO " + t + " (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = ?",
            Set.of(table.name()), id, json, json));
    }
}
