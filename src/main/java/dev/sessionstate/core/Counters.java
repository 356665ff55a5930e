package dev.sessionstate.core;

/** Atomic-counter arithmetic on stored JSON texts: 64-bit signed integers, no silent wrap-around. */
final class Counters {

    private Counters() {}

    /** {@code json + delta}, where an absent value (null) counts as 0. */
    static long add(String key, String json, long delta) {
        long current = 0;
        if (json != null) {
            Object parsed = JsonIntegers.parse(json);
            if (parsed == null) {
                throw new SessionException(
                        SessionException.Kind.TYPE_MISMATCH,
                        "The value of '" + key + "' is not an integer, so it cannot be incremented.");
            }
            if (parsed == JsonIntegers.TOO_BIG) {
                throw overflow(key);
            }
            current = (Long) parsed;
        }
        try {
            return Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw overflow(key);
        }
    }

    private static SessionException overflow(String key) {
        return new SessionException(
                SessionException.Kind.COUNTER_OVERFLOW,
                "The counter '" + key + "' would leave the range of a 64-bit signed integer.");
    }
}
