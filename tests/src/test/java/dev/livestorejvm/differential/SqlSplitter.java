package dev.livestorejvm.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements where SQLite's own completeness rule would: at a semicolon
 * outside quotes and comments, and inside {@code CREATE TRIGGER} only at the {@code ;} after
 * {@code END}. Comments before a statement are left out; pieces holding nothing but comments and
 * blanks are dropped. Both runtimes get the
 * same list, one statement per prepare call.
 */
final class SqlSplitter {
    private SqlSplitter() {}

    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        List<String> words = new ArrayList<>();   // the first words and the last word of the current statement
        String lastWord = null;
        boolean significant = false;
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == close) {
                        if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                if (!significant) start = i;
                i = Math.min(n, j + 1);
                significant = true;
                lastWord = null;
            } else if (c == ';') {
                i++;
                boolean trigger = isTrigger(words);
                if (!trigger || "END".equals(lastWord)) {
                    if (significant) out.add(sql.substring(start, i).strip());
                    start = i;
                    significant = false;
                    words.clear();
                }
                lastWord = null;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) j++;
                lastWord = sql.substring(i, j).toUpperCase(Locale.ROOT);
                if (words.size() < 4) words.add(lastWord);
                if (!significant) start = i;
                significant = true;
                i = j;
            } else {
                if (!Character.isWhitespace(c)) {
                    if (!significant) start = i;
                    significant = true;
                    lastWord = null;
                }
                i++;
            }
        }
        if (significant) out.add(sql.substring(start).strip());
        return out;
    }

    private static boolean isTrigger(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("CREATE")) return false;
        String w = words.get(1);
        if (w.equals("TEMP") || w.equals("TEMPORARY")) w = words.size() > 2 ? words.get(2) : "";
        return w.equals("TRIGGER");
    }
}
