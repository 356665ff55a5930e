package dev.sessionstate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(5), Duration.ofMinutes(30), 4);

    @Test
    void delaysDoubleFromTheBaseWithJitterBetweenHalfAndAll() {
        assertEquals(Duration.ofMillis(2500), schedule.delay(1, () -> 0.0));
        assertEquals(Duration.ofMillis(4999), schedule.delay(1, () -> 0.9998));
        assertEquals(Duration.ofMillis(7500), schedule.delay(2, () -> 0.5));
        assertEquals(Duration.ofSeconds(10), schedule.delay(3, () -> 0.0));
    }

    @Test
    void delaysStopAtTheCapEvenAfterManyAttempts() {
        assertEquals(Duration.ofSeconds(1350), schedule.delay(12, () -> 0.5));
        assertEquals(Duration.ofMinutes(15), schedule.delay(200, () -> 0.0));
    }

    @Test
    void theLastAttemptLeavesNoOther() {
        assertFalse(schedule.exhausted(3));
        assertTrue(schedule.exhausted(4));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        WebhookSender sender = new WebhookSender(null, Duration.ofSeconds(1), InstantSource.fixed(now));
        assertEquals(Duration.ofSeconds(120), sender.retryAfter("120"));
        assertEquals(Duration.ofSeconds(90), sender.retryAfter("Mon, 30 Nov 2026 10:01:30 GMT"));
        assertEquals(Duration.ZERO, sender.retryAfter("Mon, 30 Nov 2026 09:00:00 GMT"));
        assertEquals(Duration.ofDays(1), sender.retryAfter("99999999"));
        assertNull(sender.retryAfter("soon"));
        assertNull(sender.retryAfter(null));
    }
}
