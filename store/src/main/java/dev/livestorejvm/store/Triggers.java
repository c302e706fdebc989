package dev.livestorejvm.store;

import java.util.List;

/**
 * Whether a connection's databases hold any trigger (a trigger could write tables other than the
 * one a statement names). Read once, and again after {@link #schemaMayHaveChanged}.
 */
final class Triggers {
    private final StatementCache sql;
    /** Null: not known (a raw write may have created some). */
    private Boolean any;

    Triggers(StatementCache sql) {
        this.sql = sql;
    }

    boolean any() {
        if (any == null) {
            any = !sql.values("SELECT 1 FROM main.sqlite_master WHERE type = 'trigger' UNION ALL "
                + "SELECT 1 FROM temp.sqlite_master WHERE type = 'trigger' LIMIT 1", List.of()).isEmpty();
        }
        return any;
    }

    void schemaMayHaveChanged() {
        any = null;
    }
}
