package dev.livestorejvm.store;

import java.util.List;
import java.util.Set;

/**
 * One write a materializer returns: SQL text, bind values, and the tables it writes (declared;
 * the store checks that the changes it records touch no other table).
 */
public interface Write {
    String sql();

    List<Object> bindValues();

    Set<String> writeTables();

    /** Raw SQL with positional bind values, writing the {@code writeTables} it declares. */
    static Write sql(String sql, Set<String> writeTables, Object... bindValues) {
        return new RawWrite(sql, List.of(bindValues.clone()), Set.copyOf(writeTables));
    }
}
