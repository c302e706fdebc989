package dev.livestorejvm.jdbc;

import java.util.Locale;

/** What the driver needs to know of SQL text without parsing it: keywords outside strings, comments and quoted names. */
final class SqlText {
    private SqlText() {}

    /** The first keyword, upper-cased ("" if none). */
    static String firstKeyword(String sql) {
        int i = skipBlanks(sql, 0);
        int j = i;
        while (j < sql.length() && Character.isLetter(sql.charAt(j))) j++;
        return sql.substring(i, j).toUpperCase(Locale.ROOT);
    }

    /** True if {@code word} occurs as a keyword (outside literals, quoted names and comments). */
    static boolean hasKeyword(String sql, String word) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closing(sql, i + 1, c);
            } else if (c == '[') {
                i = closing(sql, i + 1, ']');
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlanks(sql, i);
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) j++;
                if (sql.regionMatches(true, i, word, 0, word.length()) && j - i == word.length()) return true;
                i = j;
            } else {
                i++;
            }
        }
        return false;
    }

    /** {@code sql} without trailing blanks, comments and semicolons. */
    static String trimEnd(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int skipBlanks(String sql, int from) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
