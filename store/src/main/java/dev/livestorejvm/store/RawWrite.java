package dev.livestorejvm.store;

import java.util.List;
import java.util.Set;

/** A raw SQL write of a materializer. */
record RawWrite(String sql, List<Object> bindValues, Set<String> writeTables) implements Write {
    RawWrite {
        bindValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bindValues));
    }
}
