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
        for (String bad : new String[] {
            "2147483648", "-2147483649", "1.0", "1e2", "\"1\"", "true", "null", "[1]", "99999999999999999999"
        }) {
            assertEquals(
                    SessionException.Kind.TYPE_MISMATCH,
                    assertThrows(SessionException.class, () -> ValueType.INT32.check("k", bad))
                            .kind(),
                    bad);
        }
    }

    @Test
    void stringAcceptsOnlyJsonStrings() {
        ValueType.STRING.check("k", "\"x\"");
        assertThrows(SessionException.class, () -> ValueType.STRING.check("k", "1"));
        assertThrows(SessionException.class, () -> ValueType.STRING.check("k", "null"));
    }
}
