package dev.sessionstate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ValueTypeTest {

    @Test
    void int32AcceptsOnlyIntegerLiteralsInRange() {
        for (String ok : new String[] {"0", "-0", "7", "2147483647", "-2147483648"}) {
            ValueType.INT32.check("k", ok);
        }
        for (String bad : new String[] {"2147483648", "-2147483649", "1.0", "1e2", "\"1\"", "true", "null", "[1]", "99999999999999999999"}) {
            assertEquals(SessionException.Kind.TYPE_MISMATCH,
                    assertThrows(SessionException.class, () -> ValueType.INT32.check("k", bad)).kind(), bad);
        }
    }

    @Test
    void stringAcceptsOnlyJsonStrings() {
        ValueType.STRING.check("k", "\"x\"");
        assertThrows(SessionException.class, () -> ValueType.STRING.check("k", "1"));
        assertThrows(SessionException.class, () -> ValueType.STRING.check("k", "null"));
    }

    @Test
    void countersAddWithoutWrapAround() {
        assertEquals(5, Counters.add("k", null, 5));
        assertEquals(-3, Counters.add("k", "-1", -2));
        assertEquals(SessionException.Kind.COUNTER_OVERFLOW,
                assertThrows(SessionException.class, () -> Counters.add("k", "9223372036854775807", 1)).kind());
        assertEquals(SessionException.Kind.COUNTER_OVERFLOW,
                assertThrows(SessionException.class, () -> Counters.add("k", "-9223372036854775808", -1)).kind());
        assertEquals(SessionException.Kind.TYPE_MISMATCH,
                assertThrows(SessionException.class, () -> Counters.add("k", "1.5", 1)).kind());
    }
}
