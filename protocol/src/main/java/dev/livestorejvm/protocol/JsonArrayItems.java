package dev.livestorejvm.protocol;

import java.util.ArrayList;
import java.util.List;

/** Cuts a stored JSON array of objects into the text of each object, without parsing them. */
final class JsonArrayItems {
    private JsonArrayItems() {}

    /**
     * The items of a JSON array of objects, each as its own text, or null if the text is not such an array.
     * A scan of brackets and strings, not a parse: the caller stored this text itself, as JSON it wrote.
     */
    static List<String> of(String text) {
        int n = text.length();
        int i = skipSpace(text, 0);
        if (i >= n || text.charAt(i) != '[') return null;
        i = skipSpace(text, i + 1);
        List<String> out = new ArrayList<>();
        if (i < n && text.charAt(i) == ']') return skipSpace(text, i + 1) == n ? out : null;
        while (i < n) {
            if (text.charAt(i) != '{') return null;
            int start = i;
            int depth = 0;
            boolean inString = false;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) break;
                }
            }
            if (i >= n) return null;
            out.add(text.substring(start, ++i));
            i = skipSpace(text, i);
            if (i < n && text.charAt(i) == ',') i = skipSpace(text, i + 1);
            else if (i < n && text.charAt(i) == ']') return skipSpace(text, i + 1) == n ? out : null;
            else return null;
        }
        return null;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }
}
