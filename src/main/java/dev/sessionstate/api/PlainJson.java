package dev.sessionstate.api;

import java.util.Arrays;

/**
 * A quick check of the small, plain JSON values that most item writes send, so that they skip
 * Jackson's parser (which costs more than the rest of the write on the memory store): ASCII only,
 * member names without escapes, shallow nesting, few members. It accepts only what
 * {@link JsonBodies#value} accepts: one value of RFC 8259's grammar, strictly (no leading zeros,
 * comments or control characters), without duplicate member names, nested within the limit.
 * Everything else, well-formed or not, it leaves to Jackson, which decides and words the refusal.
 */
final class PlainJson {

    /** Deeper values are left to Jackson. */
    private static final int MAX_DEPTH = 8;
    /** Larger objects are left to Jackson, since names are compared pairwise. */
    private static final int MAX_MEMBERS = 16;
    /** Longer names are left to Jackson, which has a limit of its own for them. */
    private static final int MAX_NAME = 256;
    /** Not a plain value: ask Jackson. */
    private static final int NO = -1;

    private final byte[] text;
    private final int maxDepth;
    /** Start and end of the names of the objects being read, innermost last; made when first needed. */
    private int[] names;

    private int namesUsed;

    private PlainJson(byte[] text, int maxDepth) {
        this.text = text;
        this.maxDepth = Math.min(MAX_DEPTH, maxDepth);
    }

    /**
     * The bounds of the one value in {@code text} without the white space around it, as
     * {@code start << 32 | end}, or -1 when it is not a plain value (then Jackson must decide).
     *
     * @param maxDepth the deepest nesting of arrays and objects allowed, as Jackson's limit counts it
     */
    static long bounds(byte[] text, int maxDepth) {
        PlainJson json = new PlainJson(text, maxDepth);
        int start = json.skipSpace(0);
        int end = json.value(start, 0);
        if (end == NO || json.skipSpace(end) != text.length) {
            return NO;
        }
        return (long) start << 32 | end;
    }

    /** The end of the value at {@code at}, or {@link #NO}. */
    private int value(int at, int depth) {
        if (at >= text.length) {
            return NO;
        }
        return switch (text[at]) {
            case '{' -> depth < maxDepth ? object(at + 1, depth + 1) : NO;
            case '[' -> depth < maxDepth ? array(at + 1, depth + 1) : NO;
            case '"' -> string(at + 1, false);
            case 't' -> literal(at, "true");
            case 'f' -> literal(at, "false");
            case 'n' -> literal(at, "null");
            default -> number(at);
        };
    }

    private int object(int at, int depth) {
        int first = namesUsed;
        int i = skipSpace(at);
        if (i < text.length && text[i] == '}') {
            return i + 1;
        }
        for (int members = 1; members <= MAX_MEMBERS; members++) {
            if (i >= text.length || text[i] != '"') {
                return NO;
            }
            int nameEnd = string(i + 1, true);
            if (nameEnd == NO || nameEnd - i > MAX_NAME || !newName(first, i + 1, nameEnd - 1)) {
                return NO;
            }
            i = skipSpace(nameEnd);
            if (i >= text.length || text[i] != ':') {
                return NO;
            }
            i = value(skipSpace(i + 1), depth);
            if (i == NO) {
                return NO;
            }
            i = skipSpace(i);
            if (i < text.length && text[i] == '}') {
                namesUsed = first;
                return i + 1;
            }
            if (i >= text.length || text[i] != ',') {
                return NO;
            }
            i = skipSpace(i + 1);
        }
        return NO;
    }

    /** Records a name of the object whose names start at {@code first}; false when it has it already. */
    private boolean newName(int first, int start, int end) {
        if (names == null) {
            names = new int[2 * MAX_MEMBERS * MAX_DEPTH];
        }
        for (int n = first; n < namesUsed; n += 2) {
            if (Arrays.equals(text, names[n], names[n + 1], text, start, end)) {
                return false;
            }
        }
        names[namesUsed++] = start;
        names[namesUsed++] = end;
        return true;
    }

    private int array(int at, int depth) {
        int i = skipSpace(at);
        if (i < text.length && text[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = value(i, depth);
            if (i == NO) {
                return NO;
            }
            i = skipSpace(i);
            if (i < text.length && text[i] == ']') {
                return i + 1;
            }
            if (i >= text.length || text[i] != ',') {
                return NO;
            }
            i = skipSpace(i + 1);
        }
    }

    /** The end of the string whose content starts at {@code at} (after its closing quote). */
    private int string(int at, boolean name) {
        for (int i = at; i < text.length; i++) {
            byte c = text[i];
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20 || c > 0x7e) {
                return NO;
            }
            if (c == '\\') {
                if (name || i + 1 >= text.length) {
                    return NO;
                }
                byte escaped = text[++i];
                if (escaped == 'u') {
                    // Surrogates, paired or not, are Jackson's to judge.
                    if (i + 4 >= text.length
                            || !hex(i + 1)
                            || (text[i + 1] | 0x20) == 'd'
                            || !hex(i + 2)
                            || !hex(i + 3)
                            || !hex(i + 4)) {
                        return NO;
                    }
                    i += 4;
                } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                    return NO;
                }
            }
        }
        return NO;
    }

    private boolean hex(int i) {
        return Character.digit(text[i], 16) >= 0;
    }

    private int literal(int at, String word) {
        int end = at + word.length();
        if (end > text.length) {
            return NO;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[at + i] != word.charAt(i)) {
                return NO;
            }
        }
        return delimited(end);
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private int number(int at) {
        int i = at;
        if (i < text.length && text[i] == '-') {
            i++;
        }
        if (i < text.length && text[i] == '0') {
            i++;
        } else {
            int start = i;
            i = digits(i);
            if (i == start) {
                return NO;
            }
        }
        if (i < text.length && text[i] == '.') {
            int start = ++i;
            i = digits(i);
            if (i == start) {
                return NO;
            }
        }
        if (i < text.length && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            if (i < text.length && (text[i] == '+' || text[i] == '-')) {
                i++;
            }
            int start = i;
            i = digits(i);
            if (i == start) {
                return NO;
            }
        }
        return delimited(i);
    }

    private int digits(int at) {
        int i = at;
        while (i < text.length && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        return i;
    }

    /** {@code end} when a number or literal ends there (the text ends, or white space or punctuation follows). */
    private int delimited(int end) {
        if (end == text.length) {
            return end;
        }
        byte c = text[end];
        return space(c) || c == ',' || c == ']' || c == '}' ? end : NO;
    }

    private int skipSpace(int at) {
        int i = at;
        while (i < text.length && space(text[i])) {
            i++;
        }
        return i;
    }

    /** JSON's white space; other control characters are Jackson's to refuse. */
    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
