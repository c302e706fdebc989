package dev.livestorejvm.store;

import java.util.List;
import java.util.Objects;

/** An index of a state table: {@code create [unique] index if not exists "<name>" on "<table>" (...)}. */
public record Index(String name, List<String> columns, boolean unique) {
    public Index {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) throw new IllegalArgumentException("index " + name + " has no columns");
    }

    public static Index of(String name, String... columns) {
        return new Index(name, List.of(columns), false);
    }

    public static Index unique(String name, String... columns) {
        return new Index(name, List.of(columns), true);
    }
}
