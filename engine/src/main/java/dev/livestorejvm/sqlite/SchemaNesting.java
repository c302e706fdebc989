package dev.livestorejvm.sqlite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a connection's stored views and triggers add to a statement's nesting ({@link SqlNesting}):
 * SQLite expands a view's SELECT, and codes a trigger's body, inside the statement that names the
 * view or writes the table, on the same stacks, and a view may read another view, a trigger write a
 * table with triggers of its own. The text of a short statement ({@code SELECT n FROM v}) says
 * nothing of that depth; this adds, for each view or table with triggers the statement names, the
 * heaviest chain of views and triggers reachable from it. A name it matches without using it (a
 * column named like a view) only overestimates.
 */
final class SchemaNesting {
    static final SchemaNesting NONE = new SchemaNesting(Map.of());

    /** One view or trigger of the schema: {@code table} is the table (or view) a trigger is on. */
    record Entry(String type, String name, String table, String sql) {}

    /** Per lower-case name of a view, or of a table (or view) with triggers: the most it adds. */
    private final Map<String, Integer> cost;

    private SchemaNesting(Map<String, Integer> cost) {
        this.cost = cost;
    }

    boolean isEmpty() {
        return cost.isEmpty();
    }

    /** The most the views and triggers that {@code sql} names add to its own nesting; 0 if it names none. */
    int added(String sql) {
        if (cost.isEmpty()) return 0;
        int[] max = {0};
        names(sql, n -> {
            Integer c = cost.get(n);
            if (c != null && c > max[0]) max[0] = c;
        });
        return max[0];
    }

    static SchemaNesting of(List<Entry> entries) {
        if (entries.isEmpty()) return NONE;
        Graph g = new Graph();
        for (Entry e : entries) {
            String owner = (e.type().equals("view") ? e.name() : e.table()).toLowerCase(Locale.ROOT);
            g.nodes.computeIfAbsent(owner, k -> new ArrayList<>()).add(e);
        }
        Map<String, Integer> cost = new HashMap<>();
        for (String name : g.nodes.keySet()) cost.put(name, g.cost(name, new HashSet<>()));
        return new SchemaNesting(Map.copyOf(cost));
    }

    /** Views and triggers by the name that brings them into a statement. */
    private static final class Graph {
        final Map<String, List<Entry>> nodes = new HashMap<>();
        final Map<String, Integer> memo = new HashMap<>();

        /**
         * A view costs its SELECT (a subquery) plus the heaviest name it reads; the triggers on a
         * table are coded one after another, so the heaviest of them; a view's INSTEAD OF triggers
         * add to the view. A cycle (recursive triggers run frame by frame at run time, not nested
         * in the code generator) counts once.
         */
        int cost(String name, Set<String> visiting) {
            Integer known = memo.get(name);
            if (known != null) return known;
            if (!visiting.add(name)) return 0;
            int view = 0;
            int trigger = 0;
            for (Entry e : nodes.get(name)) {
                int deepest = 0;
                for (String ref : refs(e.sql(), name)) deepest = Math.max(deepest, cost(ref, visiting));
                int c = SqlNesting.of(e.sql()) + SqlNesting.SUBQUERY + deepest;
                if (e.type().equals("view")) view = Math.max(view, c); else trigger = Math.max(trigger, c);
            }
            visiting.remove(name);
            memo.put(name, view + trigger);
            return view + trigger;
        }

        private Set<String> refs(String sql, String self) {
            Set<String> out = new HashSet<>();
            names(sql, n -> {
                if (!n.equals(self) && nodes.containsKey(n)) out.add(n);
            });
            return out;
        }
    }

    /** The identifiers of {@code sql}, lower-cased, bare or quoted ("x", [x], `x`); string literals skipped. */
    static void names(String sql, Consumer<String> out) {
        int n = sql.length();
        for (int i = 0; i < n; ) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = SqlNesting.skipQuoted(sql, i, '\'');
            } else if (c == '"' || c == '`') {
                int end = SqlNesting.skipQuoted(sql, i, c);
                out.accept(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace(String.valueOf(c) + c, String.valueOf(c)).toLowerCase(Locale.ROOT));
                i = end;
            } else if (c == '[') {
                int end = sql.indexOf(']', i);
                end = end < 0 ? n : end;
                out.accept(sql.substring(i + 1, end).toLowerCase(Locale.ROOT));
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c) || c == '_' || c >= 0x80) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$' || sql.charAt(i) >= 0x80)) i++;
                out.accept(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i++;
            }
        }
    }

    /**
     * SQLite's reserved words that {@link #names} reports although no view, table or trigger can be
     * named by them unquoted (they have no fallback to an identifier in SQLite's grammar).
     */
    private static final Set<String> RESERVED = Set.of("select", "values", "and", "or", "not", "null", "is", "in",
        "between", "exists", "case", "when", "then", "else", "distinct", "all", "as", "from", "where", "union",
        "except", "intersect", "order", "group", "having", "limit");

    /**
     * True if {@code sql} names no view or table at all (e.g. {@code select 1}): every name in it is
     * a reserved word, none quoted. Its nesting owes nothing to the schema, which need not be read.
     */
    static boolean namesNoSchemaObject(String sql) {
        boolean[] named = {false};
        names(sql, n -> {
            if (!RESERVED.contains(n)) named[0] = true;
        });
        if (named[0]) return false;
        // a quoted name is reported lower-cased like a bare word: "select" (quoted) is a real name
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = sql.charAt(i);
            if (c == '"' || c == '`' || c == '[') return false;
        }
        return true;
    }

    /**
     * True if {@code sql} may change the schema or what is attached (CREATE, DROP, ALTER, ATTACH,
     * DETACH anywhere in it): the connection then reads its views and triggers again.
     */
    static boolean changesSchema(String sql) {
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = (char) (sql.charAt(i) | 0x20);
            if ((c == 'c' || c == 'd' || c == 'a') && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                for (String k : KEYWORDS) {
                    int end = i + k.length();
                    if (sql.regionMatches(true, i, k, 0, k.length())
                        && (end == n || !(Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'))) return true;
                }
            }
        }
        return false;
    }

    private static final String[] KEYWORDS = {"create", "drop", "alter", "attach", "detach"};
}
