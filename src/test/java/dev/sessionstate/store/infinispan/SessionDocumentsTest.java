package dev.sessionstate.store.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionDocumentsTest {

    @Test
    void instantsReadBackAsInstantWritesThem() {
        for (String text : new String[] {"2026-11-22T06:00:00Z", "2026-11-22T06:00:00.100Z", "2030-01-01T23:59:59.123456Z",
                "1999-12-31T00:00:01.000000001Z", "2024-02-29T12:34:56.5Z", "1970-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "2026-11-22T24:00:00Z"}) {
            assertEquals(Instant.parse(text), SessionDocuments.instant(text), text);
        }
        Instant now = Instant.now();
        assertEquals(now, SessionDocuments.instant(now.toString()));
    }

    @Test
    void malformedInstantsAreRefused() {
        assertThrows(RuntimeException.class, () -> SessionDocuments.instant("2026-11-22T06:0x:00Z"));
        assertThrows(RuntimeException.class, () -> SessionDocuments.instant("2026-13-22T06:00:00Z"));
        assertThrows(RuntimeException.class, () -> SessionDocuments.instant("yesterday"));
    }
}
