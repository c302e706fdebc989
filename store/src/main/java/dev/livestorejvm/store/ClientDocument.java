package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What makes a table a client document: its default and its derived {@code <name>Set} event and materializer. */
final class ClientDocument {
    final Object defaultValue;
    final EventDef<Map<String, Object>> setEvent;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ClientDocument(String table, Object defaultValue) {
        this(defaultValue, (EventDef) EventDef.clientOnly(table + "Set", Map.class));
    }

    private ClientDocument(Object defaultValue, EventDef<Map<String, Object>> setEvent) {
        this.defaultValue = defaultValue;
        this.setEvent = setEvent;
    }

    ClientDocument withSetEventSchemaHash(long hash) {
        return new ClientDocument(defaultValue, setEvent.withSchemaHash(hash));
    }

    /** The write of one {@code <name>Set} event: merge an object into the stored document, or replace it. */
    List<Write> materialize(Table table, Map<String, Object> args) {
        Object id = args.get("id");
        if (!(id instanceof String)) throw new StoreException("event " + setEvent.name() + " needs a string id, got " + id);
        if (!args.containsKey("value")) throw new StoreException("event " + setEvent.name() + " is missing its value");
        Object value = args.get("value");
        String t = Sql.quoteTable(table.name());
        if (value instanceof Map && (defaultValue == null || defaultValue instanceof Map)) {
            Map<String, Object> initial = new LinkedHashMap<>();
            if (defaultValue != null) initial.putAll(Json.MAPPER.convertValue(defaultValue, Map.class));
            Map<?, ?> partial = (Map<?, ?>) value;
            for (Map.Entry<?, ?> e : partial.entrySet()) initial.put(String.valueOf(e.getKey()), e.getValue());
            if (partial.isEmpty()) {
                return List.of(Write.sql("INSERT INTO " + t + " (id, value) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                    java.util.Set.of(table.name()), id, Json.write(initial)));
            }
            StringBuilder sql = new StringBuilder("INSERT INTO " + t + " (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = json_set(value");
            List<Object> binds = new ArrayList<>(List.of(id, Json.write(initial)));
            for (Map.Entry<?, ?> e : partial.entrySet()) {
                sql.append(", ?, json(?)");
                binds.add("$.\"" + e.getKey() + "\"");
                binds.add(Json.write(e.getValue()));
            }
            sql.append(")");
            return List.of(Write.sql(sql.toString(), java.util.Set.of(table.name()), binds.toArray()));
        }
        String json = Json.write(value);
        return List.of(Write.sql("INSERT INTO " + t + " (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = ?",
            java.util.Set.of(table.name()), id, json, json));
    }
}
