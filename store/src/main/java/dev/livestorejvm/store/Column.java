package dev.livestorejvm.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A column of a state table, as LiveStore 0.4.0 defines it ({@code State.SQLite.text(...)} etc.).
 * Immutable: the {@code with...} methods return a changed copy.
 *
 * <p>Values are given and returned decoded: a {@link Kind#BOOLEAN} column takes a Boolean and
 * stores 0/1, a {@link Kind#JSON} column takes any Jackson-serializable value and stores its JSON
 * text, a {@link Kind#DATETIME} column takes an {@link java.time.Instant} and stores an ISO-8601
 * string with milliseconds ({@code Date.toISOString()}), {@link Kind#DATETIME_INTEGER} stores epoch
 * milliseconds.
 */
public final class Column {
    /** The column kinds of LiveStore; each is stored as one SQLite type. */
    public enum Kind {
        TEXT("text"), INTEGER("integer"), REAL("real"), BLOB("blob"),
        BOOLEAN("integer"), JSON("text"), DATETIME("text"), DATETIME_INTEGER("integer");

        private final String storage;

        Kind(String storage) {
            this.storage = storage;
        }

        /** The SQLite storage type written in the DDL and hashed: text, integer, real or blob. */
        public String storage() {
            return storage;
        }
    }

    private final String name;
    private final Kind kind;
    private final boolean nullable;
    private final boolean primaryKey;
    private final boolean autoIncrement;
    private final Optional<Object> defaultValue;
    private final boolean defaultIsNull;
    private final Long jsonSchemaHash;

    private Column(String name, Kind kind, boolean nullable, boolean primaryKey, boolean autoIncrement,
                   Optional<Object> defaultValue, boolean defaultIsNull, Long jsonSchemaHash) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.nullable = nullable;
        this.primaryKey = primaryKey;
        this.autoIncrement = autoIncrement;
        this.defaultValue = defaultValue;
        this.defaultIsNull = defaultIsNull;
        this.jsonSchemaHash = jsonSchemaHash;
    }

    public static Column of(String name, Kind kind) {
        return new Column(name, kind, false, false, false, Optional.empty(), false, null);
    }

    public static Column text(String name) {
        return of(name, Kind.TEXT);
    }

    public static Column integer(String name) {
        return of(name, Kind.INTEGER);
    }

    public static Column real(String name) {
        return of(name, Kind.REAL);
    }

    public static Column blob(String name) {
        return of(name, Kind.BLOB);
    }

    public static Column bool(String name) {
        return of(name, Kind.BOOLEAN);
    }

    public static Column json(String name) {
        return of(name, Kind.JSON);
    }

    public static Column datetime(String name) {
        return of(name, Kind.DATETIME);
    }

    public static Column datetimeInteger(String name) {
        return of(name, Kind.DATETIME_INTEGER);
    }

    /** NULL allowed (LiveStore's {@code nullable: true}); columns are NOT NULL otherwise. */
    public Column nullable() {
        return new Column(name, kind, true, primaryKey, autoIncrement, defaultValue, defaultIsNull, jsonSchemaHash);
    }

    /** Part of the primary key; several primary-key columns make a composite key, in column order. */
    public Column primaryKey() {
        return new Column(name, kind, nullable, true, autoIncrement, defaultValue, defaultIsNull, jsonSchemaHash);
    }

    public Column autoIncrement() {
        return new Column(name, kind, nullable, primaryKey, true, defaultValue, defaultIsNull, jsonSchemaHash);
    }

    /** A default, given decoded (e.g. {@code false} for a boolean column); null means {@code default null}. */
    public Column defaultValue(Object value) {
        return new Column(name, kind, nullable, primaryKey, autoIncrement, Optional.ofNullable(value), value == null,
            jsonSchemaHash);
    }

    /**
     * The {@code jsonSchemaHash} to put into this column's hash input. LiveStore computes it with
     * Effect's {@code Schema.hash} of the column's schema, which Java cannot reproduce; LiveStore
     * 0.4.0 leaves it out of the hashes it actually computes (verified: a table with {@code json}
     * columns hashes without it), so leave it unset unless a JS schema hash must be matched.
     */
    public Column jsonSchemaHash(long hash) {
        return new Column(name, kind, nullable, primaryKey, autoIncrement, defaultValue, defaultIsNull, hash);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNullable() {
        return nullable;
    }

    public boolean isPrimaryKey() {
        return primaryKey;
    }

    public boolean isAutoIncrement() {
        return autoIncrement;
    }

    /** True if a default is declared (possibly {@code null}). */
    public boolean hasDefault() {
        return defaultValue.isPresent() || defaultIsNull;
    }

    /** The declared default, decoded; null if none or if the default is NULL. */
    public Object defaultValue() {
        return defaultValue.orElse(null);
    }

    public Optional<Long> jsonSchemaHash() {
        return Optional.ofNullable(jsonSchemaHash);
    }

    @Override
    public String toString() {
        return "Column[" + name + " " + kind + (nullable ? " nullable" : "") + (primaryKey ? " pk" : "") + "]";
    }
}
