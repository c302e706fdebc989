package dev.livestorejvm.cli;

import java.nio.charset.StandardCharsets;

/** Small facts about SQL text that the shell needs before SQLite sees it. */
final class SqlText {
    private SqlText() {}

    /** What a piece of SQL text holds, as far as the shell must know. */
    enum Content {
        /** Only white space, semicolons and closed comments. */
        BLANK,
        /** Like BLANK, but ends inside a {@code /*} comment: more lines may follow. */
        OPEN_COMMENT,
        /** Something for SQLite to compile. */
        STATEMENT
    }

    static Content scan(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) return Content.OPEN_COMMENT;
                i = close + 2;
            } else {
                return Content.STATEMENT;
            }
        }
        return Content.BLANK;
    }

    /** Number of line breaks in {@code s} before index {@code end}. */
    static int lineBreaks(String s, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) if (s.charAt(i) == '\n') count++;
        return count;
    }

    /** The char index in {@code s} of UTF-8 byte offset {@code byteOffset} (clamped to the string). */
    static int charIndex(String s, int byteOffset) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int bytes = Math.max(0, Math.min(byteOffset, utf8.length));
        return new String(utf8, 0, bytes, StandardCharsets.UTF_8).length();
    }
}
