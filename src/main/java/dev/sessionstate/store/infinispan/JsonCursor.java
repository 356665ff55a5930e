package dev.sessionstate.store.infinispan;

/**
 * Reads one JSON text from start to end, token by token, for {@link SessionDocuments}: strings,
 * integers, booleans, null, and whole values skipped over (checked, not built) so that a caller
 * can take them as exact slices of the text.
 *
 * <p>Written for the service's own documents: in a JMH A/B, jackson-core's streaming API (one
 * reused factory, item values sliced by its offsets) took 1.8 to 2 times as long to read and write
 * a session document (bench/RESULTS.md, "Session documents"). It checks what it reads against the
 * JSON grammar all the same, and fails with an {@link IllegalArgumentException} that names the
 * offset. Skipping is iterative, so no nesting depth overflows the stack.
 */
final class JsonCursor {

    private final String text;
    /**
     * While a value is skipped, one char per open container, '}' or ']', as the closer it waits
     * for; kept for the cursor's life, so that skipping each item does not allocate one.
     */
    private final StringBuilder open = new StringBuilder();

    private int at;

    JsonCursor(String text) {
        this.text = text;
    }

    /** Offset of the next character to read, after any white space. */
    int position() {
        skipWhitespace();
        return at;
    }

    /** Reads {@code c}, after any white space; fails when something else comes. */
    void expect(char c) {
        if (!consume(c)) {
            throw failure("expected '" + c + "'");
        }
    }

    /** Reads {@code c} when it comes next, after any white space. */
    boolean consume(char c) {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /** Reads {@code null} when it comes next. */
    boolean consumeNull() {
        skipWhitespace();
        if (text.startsWith("null", at)) {
            at += 4;
            return true;
        }
        return false;
    }

    /** Fails unless only white space is left. */
    void end() {
        if (position() != text.length()) {
            throw failure("unexpected content after the document");
        }
    }

    /**
     * Reads the start of an object up to its first member's value, and returns that member's
     * name; null when the object is empty (and read whole). Then the caller reads the value and
     * asks for {@link #nextMember()}.
     */
    String firstMember() {
        expect('{');
        return consume('}') ? null : memberName();
    }

    /** After a member's value: the next member's name, read up to its value; null at the end of the object. */
    String nextMember() {
        if (consume(',')) {
            return memberName();
        }
        expect('}');
        return null;
    }

    /** Reads a string and returns what it stands for. */
    String string() {
        expect('"');
        int start = at;
        for (int i = start, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at = i + 1;
                return text.substring(start, i);
            }
            if (c == '\\' || c < 0x20) {
                at = i;
                return unescape(start);
            }
        }
        throw failure("unterminated string");
    }

    private String unescape(int start) {
        StringBuilder out = new StringBuilder(text.length() - start).append(text, start, at);
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw failure("control character in a string");
            }
            out.append(c == '\\' ? escaped() : c);
        }
        throw failure("unterminated string");
    }

    private char escaped() {
        if (at >= text.length()) {
            throw failure("unterminated string");
        }
        char c = text.charAt(at++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (at + 4 > text.length()) {
                    throw failure("short \\u escape");
                }
                int code = 0;
                for (int end = at + 4; at < end; at++) {
                    int digit = Character.digit(text.charAt(at), 16);
                    if (digit < 0) {
                        throw failure("bad \\u escape");
                    }
                    code = code * 16 + digit;
                }
                yield (char) code;
            }
            default -> throw failure("bad escape");
        };
    }

    /** Reads an integer; fails on a fraction, an exponent or a value outside {@code long}. */
    long integer() {
        int start = position();
        int end = number(start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                throw failure("expected an integer");
            }
        }
        return Long.parseLong(text, start, end, 10);
    }

    boolean bool() {
        skipWhitespace();
        if (text.startsWith("true", at)) {
            at += 4;
            return true;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return false;
        }
        throw failure("expected true or false");
    }

    /**
     * Skips one value of any kind, checking its grammar, and returns the offset just after it:
     * with {@link #position()} before, the bounds of its exact text.
     */
    int skipValue() {
        open.setLength(0);
        while (true) {
            skipWhitespace();
            char c = at < text.length() ? text.charAt(at) : 0;
            if (c == '{' || c == '[') {
                at++;
                char closer = c == '{' ? '}' : ']';
                if (consume(closer)) {
                    if (closed()) {
                        return at;
                    }
                    continue;
                }
                open.append(closer);
                if (closer == '}') {
                    memberName();
                }
                continue;
            }
            skipScalar(c);
            if (closed()) {
                return at;
            }
        }
    }

    /**
     * After a value inside the open containers: reads on to the start of the next value
     * (past a comma, and a member name in an object), closing every container that ends on the
     * way. True when no container is left open.
     */
    private boolean closed() {
        while (!open.isEmpty()) {
            char closer = open.charAt(open.length() - 1);
            if (consume(',')) {
                if (closer == '}') {
                    memberName();
                }
                return false;
            }
            expect(closer);
            open.setLength(open.length() - 1);
        }
        return true;
    }

    private String memberName() {
        String name = string();
        expect(':');
        return name;
    }

    private void skipScalar(char c) {
        switch (c) {
            case '"' -> skipString();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw failure("expected a value");
                }
                at = number(at);
            }
        }
    }

    private void skipString() {
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw failure("control character in a string");
            }
            if (c == '\\') {
                escaped();
            }
        }
        throw failure("unterminated string");
    }

    private void literal(String word) {
        if (!text.startsWith(word, at)) {
            throw failure("expected " + word);
        }
        at += word.length();
    }

    /** The end of the number that starts at {@code start}: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private int number(int start) {
        int i = start;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i = digits(i + 1);
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            i = digits(i);
        }
        at = i;
        return i;
    }

    /** The end of a run of one or more digits starting at {@code start}. */
    private int digits(int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            at = start;
            throw failure("expected a digit");
        }
        return i;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private IllegalArgumentException failure(String what) {
        return new IllegalArgumentException(what + " at offset " + at);
    }
}
