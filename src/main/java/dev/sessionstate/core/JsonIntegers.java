package dev.sessionstate.core;

/**
 * Reads JSON integer literals ({@code -?(0|[1-9][0-9]*)}) from stored JSON texts, which are
 * already known to be valid JSON. Counters and int32 reads use it; a number with a fraction or an
 * exponent is not an integer literal, even when its value is whole.
 */
final class JsonIntegers {

    /** Marks an integer literal outside the 64-bit range. */
    static final Object TOO_BIG = new Object();

    private JsonIntegers() {}

    /** A {@code Long}, {@link #TOO_BIG}, or null when {@code json} is not an integer literal. */
    static Object parse(String json) {
        int start = json.startsWith("-") ? 1 : 0;
        int n = json.length();
        if (n == start || (json.charAt(start) == '0' && n > start + 1)) {
            return null;
        }
        for (int i = start; i < n; i++) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(json);
        } catch (NumberFormatException e) {
            return TOO_BIG;
        }
    }
}
