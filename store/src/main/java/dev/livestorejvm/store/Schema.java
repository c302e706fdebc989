package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store's schema as data: its state tables and its events with their materializers
 * ({@code makeSchema} with {@code State.SQLite.makeState}). A client-document table brings its
 * derived {@code <name>Set} event and materializer. The state hash, and so the state file name,
 * is LiveStore's.
 */
public final class Schema {
    private final List<Table> tables;
    private final Map<String, Table> tablesByName;
    private final Map<String, EventDef<?>> events;
    private final Map<String, Materializer<?>> materializers;
    private final long stateHash;

    private Schema(Builder b) {
        this.tables = List.copyOf(b.tables.values());
        this.tablesByName = Collections.unmodifiableMap(new LinkedHashMap<>(b.tables));
        this.events = Collections.unmodifiableMap(new LinkedHashMap<>(b.events));
        this.materializers = Collections.unmodifiableMap(new LinkedHashMap<>(b.materializers));
        this.stateHash = SchemaHash.stateHash(allStateTables());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The user tables, in definition order. */
    public List<Table> tables() {
        return tables;
    }

    /** The user tables followed by the three state system tables, as LiveStore hashes them. */
    public List<Table> allStateTables() {
        List<Table> all = new ArrayList<>(tables);
        all.addAll(SystemTables.STATE);
        return all;
    }

    public Table table(String name) {
        Table t = tablesByName.get(name);
        if (t == null) throw new StoreException(StoreException.Kind.SCHEMA, "no table " + name + " in the schema (tables: " + String.join(", ", tablesByName.keySet()) + ")");
        return t;
    }

    public boolean hasTable(String name) {
        return tablesByName.containsKey(name);
    }

    public Map<String, EventDef<?>> events() {
        return events;
    }

    /** The definition of event {@code name}, or null if this schema does not know it. */
    public EventDef<?> event(String name) {
        return events.get(name);
    }

    Materializer<?> materializer(String name) {
        return materializers.get(name);
    }

    /** LiveStore's state schema hash ({@code schema.state.sqlite.hash}). */
    public long stateHash() {
        return stateHash;
    }

    /** {@code state<hash>@6.db}. */
    public String stateFileName() {
        return "state" + stateHash + "@" + StoreFiles.FORMAT_VERSION + ".db";
    }

    public static final class Builder {
        private final Map<String, Table> tables = new LinkedHashMap<>();
        private final Map<String, EventDef<?>> events = new LinkedHashMap<>();
        private final Map<String, Materializer<?>> materializers = new LinkedHashMap<>();

        private Builder() {}

        public Builder table(Table table) {
            if (SystemTables.isSystemTable(table.name())) throw new IllegalArgumentException("table name " + table.name() + " is reserved");
            if (tables.putIfAbsent(table.name(), table) != null) {
                throw new IllegalArgumentException("duplicate table name " + table.name());
            }
            if (table.isClientDocument()) {
                ClientDocument doc = table.document();
                event(doc.setEvent, (args, ctx) -> doc.materialize(table, args));
            }
            return this;
        }

        public <A> Builder event(EventDef<A> def, Materializer<? super A> materializer) {
            if (events.putIfAbsent(def.name(), def) != null) throw new IllegalArgumentException("duplicate event name " + def.name());
            materializers.put(def.name(), java.util.Objects.requireNonNull(materializer, "materializer of " + def.name()));
            return this;
        }

        public Schema build() {
            return new Schema(this);
        }
    }
}
