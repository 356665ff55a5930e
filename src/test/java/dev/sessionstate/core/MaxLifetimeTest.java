package dev.sessionstate.core;

import static dev.sessionstate.core.InMemoryServices.RULES;
import static dev.sessionstate.core.InMemoryServices.T0;
import static dev.sessionstate.core.InMemoryServices.assertRefused;
import static dev.sessionstate.core.InMemoryServices.join;
import static dev.sessionstate.core.SessionException.Kind.INVALID_FIELD;
import static dev.sessionstate.core.SessionException.Kind.SESSION_NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hard maximum lifetime beside the sliding idle timeout, and the cookieless property, on a manual clock. */
class MaxLifetimeTest {

    private final InMemoryServices services = new InMemoryServices();
    private final SessionService sessions = services.sessions;
    private final ManualClock clock = services.clock;

    @Test
    void aSessionTouchedEverySecondStillEndsAtItsMaximumLifetime() {
        Session created = join(sessions.create(new NewSession(60, false, Map.of(), 100, false)));
        String id = created.id();
        assertEquals(T0.plusSeconds(100), created.absoluteExpiresAt());
        assertEquals(T0.plusSeconds(60), created.idleExpiresAt());
        assertEquals(T0.plusSeconds(60), created.expiresAt());

        for (int second = 1; second < 100; second++) {
            clock.advance(Duration.ofSeconds(1));
            Session read = services.read(id);
            assertEquals(
                    second <= 40 ? read.idleExpiresAt() : T0.plusSeconds(100),
                    read.expiresAt(),
                    "expiresAt is the earlier of the two at second " + second);
        }
        clock.advance(Duration.ofSeconds(1));
        assertRefused(SESSION_NOT_FOUND, () -> services.read(id));
        assertEquals(0, services.storedSessions());
    }

    @Test
    void withoutAMaximumLifetimeOnlyIdlenessEndsASession() {
        Session created = join(sessions.create(new NewSession(60, false, Map.of())));
        assertNull(created.absoluteExpiresAt());
        assertEquals(0, created.maxLifetimeSeconds());
        for (int minute = 0; minute < 60 * 24; minute++) {
            clock.advance(Duration.ofSeconds(59));
            services.read(created.id());
        }
    }

    @Test
    void theConfiguredDefaultAppliesWhenTheCallerAsksForNone() {
        SessionService withDefault = new SessionService(
                services.store, RULES, new SessionIds(), clock, "default", new Lifetimes(3600, 7200));
        assertEquals(
                3600,
                join(withDefault.create(new NewSession(null, false, Map.of()))).maxLifetimeSeconds());
        assertEquals(
                7200,
                join(withDefault.create(new NewSession(null, false, Map.of(), 7200, false)))
                        .maxLifetimeSeconds());
        assertRefused(
                INVALID_FIELD, () -> join(withDefault.create(new NewSession(null, false, Map.of(), 7201, false))));
        assertRefused(INVALID_FIELD, () -> join(withDefault.create(new NewSession(null, false, Map.of(), 0, false))));
        assertEquals(2, services.storedSessions());
    }

    @Test
    void patchMayLowerTheMaximumLifetimeButNeverRaiseOrRemoveIt() {
        String id = join(sessions.create(new NewSession(600, false, Map.of(), 1000, false)))
                .id();
        clock.advance(Duration.ofSeconds(300));

        assertRefused(INVALID_FIELD, () -> patch(id, FieldPatch.of(1001)));
        assertRefused(INVALID_FIELD, () -> patch(id, FieldPatch.of(null)));
        assertRefused(INVALID_FIELD, () -> patch(id, FieldPatch.of(300)));
        assertEquals(1000, services.read(id).maxLifetimeSeconds());

        Session lowered = patch(id, FieldPatch.of(500));
        assertEquals(500, lowered.maxLifetimeSeconds());
        assertEquals(T0.plusSeconds(500), lowered.expiresAt());
        assertEquals(2, lowered.version());
        clock.advance(Duration.ofSeconds(200));
        assertRefused(SESSION_NOT_FOUND, () -> services.read(id));
    }

    @Test
    void aSessionWithoutAMaximumLifetimeMayBeGivenOne() {
        String id = services.create(Map.of());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(T0.plusSeconds(20), patch(id, FieldPatch.of(20)).absoluteExpiresAt());
    }

    @Test
    void cookielessIsSetAtCreateAndChangedByPatch() {
        Session created = join(sessions.create(new NewSession(null, false, Map.of(), null, true)));
        assertTrue(created.properties().cookieless());
        SessionPatch off = new SessionPatch(
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.of(1033),
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.of(false));
        Session patched = join(sessions.patch(created.id(), off, Precondition.NONE));
        assertFalse(patched.properties().cookieless());
        assertEquals(1033, patched.properties().lcid());
        assertFalse(join(sessions.create(new NewSession(null, false, Map.of())))
                .properties()
                .cookieless());
    }

    private Session patch(String id, FieldPatch<Integer> maxLifetime) {
        SessionPatch patch = new SessionPatch(
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent(),
                maxLifetime,
                FieldPatch.absent());
        return join(sessions.patch(id, patch, Precondition.NONE));
    }
}
