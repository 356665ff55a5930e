package dev.sessionstate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void addWhenValueIsAbsentThenCountsFromZero() {
        assertEquals(5, Counters.add("k", null, 5));
    }

    @Test
    void addWhenValueIsAnIntegerThenSum() {
        assertEquals(-3, Counters.add("k", "-1", -2));
    }

    @Test
    void addWhenSumLeavesTheLongRangeThenCounterOverflow() {
        assertRefused(SessionException.Kind.COUNTER_OVERFLOW, "9223372036854775807", 1);
        assertRefused(SessionException.Kind.COUNTER_OVERFLOW, "-9223372036854775808", -1);
        assertRefused(SessionException.Kind.COUNTER_OVERFLOW, "99999999999999999999", 0);
    }

    @Test
    void addWhenValueIsNotAnIntegerLiteralThenTypeMismatch() {
        for (String json : new String[] {"1.5", "1e2", "\"1\"", "true", "null", "[1]", "01"}) {
            assertRefused(SessionException.Kind.TYPE_MISMATCH, json, 1);
        }
    }

    private static void assertRefused(SessionException.Kind kind, String json, long delta) {
        assertEquals(
                kind,
                assertThrows(SessionException.class, () -> Counters.add("k", json, delta))
                        .kind(),
                json);
    }
}
