package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A state table as data ({@code State.SQLite.table}), the starting point of its queries and writes.
 * DDL text and hash are LiveStore 0.4.0's; see {@link #ddl()} and {@link #hash()}.
 */
public final class Table {
    /**
     * The id under which {@link #set(Object)} stores a client document when its table declares none
     * ({@link #withDefaultDocumentId}; LiveStore's {@code default.id}).
     */
    public static final String DEFAULT_DOCUMENT_ID = "default";

    /**
     * LiveStore's {@code SessionIdSymbol} ({@code Symbol.for('@livestore/session-id')}): as a client
     * document's id (in {@link #set(String, Object)}, or as the declared default with
     * {@code withDefaultDocumentId(Table.SESSION_ID)}) it stands for the id of the session that
     * commits, so that each session keeps a document of its own; as a query's bind value it stands
     * for the id of the session that runs the query. It is replaced before the event is numbered or
     * the query runs, so the eventlog and the table hold the session's id, as LiveStore's do.
     */
    public static final String SESSION_ID = "@livestore/session-id";

    private final String name;
    private final List<Column> columns;
    private final Map<String, Column> byName = new LinkedHashMap<>();
    private final List<Index> indexes;
    private final ClientDocument document;

    private Table(String name, List<Column> columns, List<Index> indexes, ClientDocument document) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.indexes = List.copyOf(indexes);
        this.document = document;
        if (name.isEmpty()) throw new IllegalArgumentException("a table needs a name");
        if (this.columns.isEmpty()) throw new IllegalArgumentException("table " + name + " has no columns");
        for (Column c : this.columns) {
            if (byName.put(c.name(), c) != null) throw new IllegalArgumentException("table " + name + " has two columns " + c.name());
            if (c.isPrimaryKey() && c.isNullable()) {
                throw new IllegalArgumentException("primary key column " + name + "." + c.name() + " cannot be nullable");
            }
        }
        for (Index i : this.indexes) for (String c : i.columns()) column(c);
    }

    /** A table with these columns, in order. */
    public static Table define(String name, Column... columns) {
        return new Table(name, Arrays.asList(columns), List.of(), null);
    }

    /**
     * A client-document table ({@code State.SQLite.clientDocument}): {@code id text primary key,
     * value text} holding JSON, written only by its derived client-only event {@code <name>Set}
     * ({@link #set(Object)}). {@code defaultValue} is the document a missing id reads as. Give a
     * default of several keys as an ordered map ({@code LinkedHashMap}): the stored JSON, and so the
     * changeset, follow its iteration order as LiveStore's follow the object's key order, and the
     * order of {@code Map.of} changes from one JVM run to the next.
     */
    public static Table clientDocument(String name, Object defaultValue) {
        List<Column> cols = List.of(Column.text("id").primaryKey(), Column.json("value"));
        return new Table(name, cols, List.of(), new ClientDocument(name, null, defaultValue));
    }

    /**
     * A client-document table whose value has type {@code valueType} (a record or POJO, LiveStore's
     * {@code schema}): {@link #set} takes a {@code V} or, as partial set, a map of some of its
     * properties; a value that does not fit is refused with a {@link StoreException}.
     */
    public static <V> Table clientDocument(String name, Class<V> valueType, V defaultValue) {
        List<Column> cols = List.of(Column.text("id").primaryKey(), Column.json("value"));
        return new Table(name, cols, List.of(), new ClientDocument(name, java.util.Objects.requireNonNull(valueType, "valueType"), defaultValue));
    }

    /** This client-document table with the id {@link #set(Object)} uses ({@code default.id}). */
    public Table withDefaultDocumentId(String id) {
        return new Table(name, columns, indexes, requireDocument().withDefaultId(id));
    }

    /**
     * This client-document table with LiveStore's {@code partialSet} (true by default): false makes
     * every set replace the whole document, and a typed set value must then be complete.
     */
    public Table withPartialSet(boolean partialSet) {
        return new Table(name, columns, indexes, requireDocument().withPartialSet(partialSet));
    }

    /**
     * This client-document table with the schema hash its {@code <name>Set} event stores (see
     * {@link EventDef#withSchemaHash}).
     */
    public Table withSetEventSchemaHash(long hash) {
        return new Table(name, columns, indexes, requireDocument().withSetEventSchemaHash(hash));
    }

    /** This table with these indexes. */
    public Table withIndexes(Index... indexes) {
        return new Table(name, columns, Arrays.asList(indexes), document);
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Index> indexes() {
        return indexes;
    }

    /** The column called {@code name}; a {@link StoreException} naming the table if there is none. */
    public Column column(String name) {
        Column c = byName.get(name);
        if (c == null) throw new StoreException(StoreException.Kind.SCHEMA, "table " + this.name + " has no column " + name + " (columns: "
            + String.join(", ", byName.keySet()) + ")");
        return c;
    }

    public boolean hasColumn(String name) {
        return byName.containsKey(name);
    }

    public boolean isClientDocument() {
        return document != null;
    }

    /** The derived {@code <name>Set} event of a client-document table. */
    public EventDef<Map<String, Object>> setEvent() {
        return requireDocument().setEvent;
    }

    /** Sets the table's default document ({@link #documentDefaultId}); see {@link #set(String, Object)}. */
    public Event set(Object value) {
        return set(requireDocument().defaultId, value);
    }

    /**
     * The {@code <name>Set} event for document {@code id}: an object value is merged key by key
     * into the stored document (or into the default for a new id); any other value replaces it.
     */
    public Event set(String id, Object value) {
        return requireDocument().setEvent.of(requireDocument().setArgs(id, value));
    }

    /** The id {@link #set(Object)} uses. */
    public String documentDefaultId() {
        return requireDocument().defaultId;
    }

    /** The document default of a client-document table. */
    public Object documentDefault() {
        return requireDocument().defaultValue;
    }

    ClientDocument document() {
        return document;
    }

    private ClientDocument requireDocument() {
        if (document == null) throw new StoreException(StoreException.Kind.SCHEMA, "table " + name + " is not a client-document table");
        return document;
    }

    // ---- DDL and hash ----

    /** LiveStore's DDL: the create table statement, then one create index statement per index. */
    public List<String> ddl() {
        return Ddl.of(this);
    }

    /** LiveStore's table hash ({@code SqliteAst.hash}), as stored in {@code __livestore_schema}. */
    public long hash() {
        return LiveStoreHash.of(SchemaHash.tableJson(this).toString());
    }

    // ---- queries and writes ----

    /** {@code SELECT * FROM 'name'}, to narrow down. */
    public Select select(String... columns) {
        return new Select(this, List.of(columns));
    }

    /** {@code INSERT INTO 'name' (...) VALUES (...)} of one row of decoded values. */
    public Insert insert(Map<String, ?> values) {
        return new Insert(this, values);
    }

    /** {@code UPDATE 'name' SET ...}, to narrow down with where. */
    public Update update(Map<String, ?> values) {
        return new Update(this, values, List.of());
    }

    /** {@code DELETE FROM 'name'}, to narrow down with where. */
    public Delete delete() {
        return new Delete(this, List.of());
    }

    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) names.add(c.name());
        return names;
    }

    @Override
    public String toString() {
        return "Table[" + name + "]";
    }
}
