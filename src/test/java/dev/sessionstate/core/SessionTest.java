package dev.sessionstate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00.123Z");

    @Test
    void timesAreKeptToTheMillisecond() {
        Session session = Session.create("s", T0.plusNanos(456_789), 60, false, Items.EMPTY);

        assertEquals(T0, session.createdAt());
        assertEquals(T0, session.lastAccessedAt());
        assertEquals(T0.toEpochMilli(), session.lastAccessedAtMillis());
        assertSame(session, session.touchedAt(T0.plusNanos(999_999)));
        Session touched = session.touchedAt(T0.plusMillis(1));
        assertNotSame(session, touched);
        assertEquals(T0.plusMillis(1), touched.lastAccessedAt());
        assertEquals(T0, touched.createdAt());
        assertEquals(session.version(), touched.version());
    }

    @Test
    void expiresAtTheEarlierOfIdleAndAbsoluteExpiry() {
        Session session = Session.create("s", T0, 60, false, Items.EMPTY);
        assertEquals(T0.plusSeconds(60), session.expiresAt());
        assertNull(session.absoluteExpiresAt());

        Session limited = session.ownedBy(Session.DEFAULT_APPLICATION, null, 90);
        assertEquals(T0.plusSeconds(90), limited.absoluteExpiresAt());
        assertEquals(T0.plusSeconds(60), limited.expiresAt());
        Session late = limited.touchedAt(T0.plusSeconds(50));
        assertEquals(T0.plusSeconds(110), late.idleExpiresAt());
        assertEquals(T0.plusSeconds(90), late.expiresAt());
    }
}
