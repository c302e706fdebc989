package dev.livestorejvm.store;

import java.util.Arrays;
import java.util.List;

/** A result as SQLite returned it (storage values), compared by content to tell whether it changed. */
record Rows(List<String> names, List<Object[]> values) {
    boolean sameAs(Rows other) {
        if (other == null || !names.equals(other.names) || values.size() != other.values.size()) return false;
        for (int i = 0; i < values.size(); i++) if (!Arrays.deepEquals(values.get(i), other.values.get(i))) return false;
        return true;
    }
}
