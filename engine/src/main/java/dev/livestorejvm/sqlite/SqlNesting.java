package dev.livestorejvm.sqlite;

/**
 * An upper bound, from the SQL text alone, of how deep SQLite's recursive functions (the name
 * resolver, the code generator, the expression tree's deletion, the SELECT compiler) will go for a
 * statement. The binary is built with {@code SQLITE_MAX_EXPR_DEPTH=0}, so SQLite checks no depth
 * itself and a deep enough statement runs its C stack out (the module then stops: see
 * {@code GlobalSlots.setStackPointer}). {@link Database} refuses a statement whose bound exceeds
 * {@link #LIMIT} before the module sees it, with SQLite's own message for an expression too deep.
 *
 * <p>The bound, in units of one binary operator: per parenthesized level, the sum over operator
 * precedence levels of the longest run of operators at that level (left-deep chains such as
 * {@code 1+1+...}; a lower-precedence operator starts a new operand of the tighter ones), plus the
 * prefix operators ({@code NOT}, unary {@code -}), plus its deepest parenthesized child, weighed by
 * what that child costs on the C stack (a function call or a parenthesis {@link #PAREN}, a
 * subquery {@link #SUBQUERY}, a {@code CASE ... END} {@link #CASE}). A comma, a clause keyword or a
 * {@code WHEN}/{@code THEN}/{@code ELSE} separates siblings. It overestimates (an operator tree is never deeper), never underestimates.
 */
final class SqlNesting {
    /**
     * What a function call costs, in operator units: measured, {@code abs(abs(...))} fills the C
     * stack at 1,796 levels where {@code 1+1+...} does at 4,062 (2.3x), and uses about as much Java
     * stack per level.
     */
    static final int CALL = 3;
    /** A bare parenthesis: SQLite makes no node for it (20,000 levels fit in both stacks). */
    static final int PAREN = 0;
    /**
     * A subquery: its C frames cost 4.4 units per level (927 levels fill the C stack), its Java
     * frames ~7 (nested subselects overflowed a default Java stack at ~210 where chains did at ~1,550).
     */
    static final int SUBQUERY = 8;
    /** A level of brackets inside a string literal, which a JSON function would parse recursively. */
    static final int JSON = 1;
    /** A CASE expression. */
    static final int CASE = 3;
    /**
     * The largest bound accepted: below what fills the module's 512 KiB C stack for every shape
     * measured (chains of binary operators, the worst per unit, fill it at 4,062), with a margin
     * for the frames around the statement (triggers, views, a caller's callback).
     */
    static final int LIMIT = 3500;
    /**
     * Above this bound a statement runs on the runtime's deep stack ({@link DeepStack}). At or below
     * it, it runs on the caller's thread: ~0.9 KiB of Java stack per unit (1,190 units fill a 1 MiB
     * thread), so 150 units fit in a 256 KiB thread beside the caller's own frames.
     */
    static final int INLINE = 150;
    /** SQL shorter than this (in chars) is within {@link #INLINE}: a unit takes at least one char ({@code ~~~1}). */
    static final int SHORT = INLINE;

    private static final int LEVELS = 12;

    private SqlNesting() {
    }

    /** The bound for {@code sql} (all its statements: the largest). */
    static int of(String sql) {
        return new Scan(sql).run();
    }

    /** One parenthesized level being read. */
    private static final class Frame {
        final Frame parent;
        final int weight;
        /** A CASE ... END (closed by END, its WHEN/THEN/ELSE separate siblings), not a parenthesis. */
        boolean caseFrame;
        final int[] run = new int[LEVELS];
        final int[] longest = new int[LEVELS];
        int prefix;
        int child;
        int best;

        Frame(Frame parent, int weight) {
            this.parent = parent;
            this.weight = weight;
        }

        void operator(int level) {
            for (int l = level + 1; l < LEVELS; l++) run[l] = 0;
            if (++run[level] > longest[level]) longest[level] = run[level];
        }

        /** Ends one sibling (a comma, a clause keyword). */
        void separate() {
            int sum = prefix + child;
            for (int l = 0; l < LEVELS; l++) {
                sum += longest[l];
                longest[l] = 0;
                run[l] = 0;
            }
            if (sum > best) best = sum;
            prefix = 0;
            child = 0;
        }

        int close() {
            separate();
            return best + weight;
        }
    }

    private static final class Scan {
        final String s;
        int i;
        Frame top = new Frame(null, 0);
        /** The last token ends an operand: a following '-' or '+' is binary. */
        boolean afterOperand;
    
        Scan(String s) {
            this.s = s;
        }

        int run() {
            while (i < s.length()) token();
            while (top.parent != null) closeParen();
            return top.close();
        }

        /** The last token was a name or keyword: a following '(' opens a function call. */
        boolean lastWasWord;

        void token() {
            char c = s.charAt(i);
            boolean afterWord = lastWasWord;
            if (!Character.isWhitespace(c)) lastWasWord = Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && at("--")) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (c == '/' && at("/*")) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int from = i;
                quoted(c);
                // a literal may be JSON that a json function parses recursively (SQLite stops at 1,000 levels)
                int json = bracketDepth(from, i) * JSON;
                if (json > top.child) top.child = json;
                afterOperand = true;
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                i = end < 0 ? s.length() : end + 1;
                afterOperand = true;
            } else if (c == '(') {
                i++;
                top = new Frame(top, subqueryAhead() ? SUBQUERY : afterWord ? CALL : PAREN);
                afterOperand = false;
            } else if (c == ')') {
                i++;
                while (top.caseFrame) closeParen();   // an unterminated CASE: SQLite will say so
                if (top.parent != null) closeParen();
                afterOperand = true;
            } else if (c == ',' || c == ';') {
                i++;
                top.separate();
                afterOperand = false;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80 || c == '.') {
                word();
            } else if (c == '?' || c == ':' || c == '@') {
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                afterOperand = true;
            } else {
                symbol();
            }
        }

        void closeParen() {
            int depth = top.close();
            top = top.parent;
            if (depth > top.child) top.child = depth;
        }

        void quoted(char q) {
            i = skipQuoted(s, i, q);
        }

        int bracketDepth(int from, int to) {
            int depth = 0;
            int max = 0;
            for (int j = from; j < to; j++) {
                char c = s.charAt(j);
                if (c == '[' || c == '{') max = Math.max(max, ++depth);
                else if ((c == ']' || c == '}') && depth > 0) depth--;
            }
            return max;
        }

        boolean at(String t) {
            return s.startsWith(t, i);
        }

        boolean subqueryAhead() {
            int j = i;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
            return s.regionMatches(true, j, "select", 0, 6) || s.regionMatches(true, j, "with", 0, 4)
                || s.regionMatches(true, j, "values", 0, 6);
        }

        void symbol() {
            char c = s.charAt(i);
            char d = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            int len = 1;
            int level;
            switch (c) {
                case '|':
                    if (d == '|') {
                        len = 2;
                        level = 10;
                    } else {
                        level = 5;
                    }
                    break;
                case '*': case '/': case '%': level = 9; break;
                case '+': case '-':
                    if (!afterOperand) {
                        prefix();
                        i++;
                        return;
                    }
                    level = 8;
                    break;
                case '&': level = 5; break;
                case '<':
                    if (d == '<') { len = 2; level = 7; } else { len = d == '=' || d == '>' ? 2 : 1; level = 4; }
                    break;
                case '>':
                    if (d == '>') { len = 2; level = 7; } else { len = d == '=' ? 2 : 1; level = 4; }
                    break;
                case '=': len = d == '=' ? 2 : 1; level = 3; break;
                case '!': len = d == '=' ? 2 : 1; level = 3; break;
                case '~':
                    prefix();
                    i++;
                    return;
                default:
                    i++;   // anything else SQLite will reject or treat as an operand
                    afterOperand = true;
                    return;
            }
            i += len;
            top.operator(level);
            afterOperand = false;
        }

        void prefix() {
            top.prefix++;
            afterOperand = false;
        }

        void word() {
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80 || c == '.') i++;
                else break;
            }
            // x'..' blobs: the quote follows at once
            if (i < s.length() && s.charAt(i) == '\'' && i - start == 1) quoted('\'');
            String w = s.substring(start, i).toUpperCase(java.util.Locale.ROOT);
            switch (w) {
                case "OR": top.operator(0); afterOperand = false; return;
                case "AND": top.operator(1); afterOperand = false; return;
                case "NOT":
                    if (afterOperand) top.operator(3); else top.prefix++;
                    afterOperand = false;
                    return;
                case "IS": case "IN": case "LIKE": case "GLOB": case "MATCH": case "REGEXP": case "BETWEEN":
                case "ESCAPE": case "ISNULL": case "NOTNULL":
                    top.operator(3);
                    afterOperand = w.equals("ISNULL") || w.equals("NOTNULL");
                    return;
                case "COLLATE": top.operator(11); afterOperand = false; return;
                case "EXISTS": case "CAST": afterOperand = false; return;
                case "CASE":
                    top = new Frame(top, CASE);
                    top.caseFrame = true;
                    afterOperand = false;
                    return;
                case "WHEN": case "THEN": case "ELSE":
                    top.separate();
                    afterOperand = false;
                    return;
                case "END":
                    if (top.caseFrame) closeParen();
                    afterOperand = true;
                    return;
                case "SELECT": case "FROM": case "WHERE": case "GROUP": case "ORDER": case "BY": case "HAVING":
                case "LIMIT": case "OFFSET": case "ON": case "USING": case "VALUES": case "SET": case "UNION":
                case "INTERSECT": case "EXCEPT": case "ALL": case "DISTINCT": case "AS": case "INTO": case "RETURNING":
                case "WITH": case "JOIN": case "WINDOW": case "OVER": case "PARTITION": case "FILTER":
                    top.separate();
                    afterOperand = false;
                    return;
                default:
                    afterOperand = true;
            }
        }
    }

    /** The index just past the SQL string or quoted name that starts at {@code i} (a doubled quote escapes it). */
    static int skipQuoted(String s, int i, char q) {
        i++;
        while (i < s.length()) {
            if (s.charAt(i) == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
