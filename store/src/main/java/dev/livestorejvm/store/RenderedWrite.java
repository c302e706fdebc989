package dev.livestorejvm.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A write to one table whose SQL text and bind values come from one rendering pass, so the two
 * always agree.
 */
abstract class RenderedWrite implements Write {
    final Table table;

    RenderedWrite(Table table) {
        this.table = table;
    }

    /** Appends the SQL text and collects the bind values in order. */
    abstract String render(List<Object> binds);

    @Override
    public final String sql() {
        return render(new ArrayList<>());
    }

    @Override
    public final List<Object> bindValues() {
        List<Object> binds = new ArrayList<>();
        render(binds);
        return binds;
    }

    @Override
    public final Set<String> writeTables() {
        return Set.of(table.name());
    }

    @Override
    public String toString() {
        return sql() + " " + bindValues();
    }
}
