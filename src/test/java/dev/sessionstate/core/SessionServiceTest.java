package dev.sessionstate.core;

import static dev.sessionstate.core.InMemoryServices.DEFAULT_TIMEOUT;
import static dev.sessionstate.core.InMemoryServices.MAX_TIMEOUT;
import static dev.sessionstate.core.InMemoryServices.MIN_TIMEOUT;
import static dev.sessionstate.core.InMemoryServices.T0;
import static dev.sessionstate.core.InMemoryServices.assertRefused;
import static dev.sessionstate.core.InMemoryServices.join;
import static dev.sessionstate.core.SessionException.Kind.INVALID_FIELD;
import static dev.sessionstate.core.SessionException.Kind.INVALID_KEY;
import static dev.sessionstate.core.SessionException.Kind.PRECONDITION_FAILED;
import static dev.sessionstate.core.SessionException.Kind.SESSION_NOT_FOUND;
import static dev.sessionstate.core.SessionException.Kind.SESSION_TOO_LARGE;
import static dev.sessionstate.core.SessionException.Kind.TOO_MANY_ITEMS;
import static dev.sessionstate.core.SessionException.Kind.VALUE_TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session rules of {@link SessionService}, on a real in-memory store and a clock moved by hand. */
class SessionServiceTest {

    private final InMemoryServices services = new InMemoryServices();
    private final SessionService sessions = services.sessions;
    private final ManualClock clock = services.clock;

    @Test
    void createWhenNoTimeoutIsGivenThenDefaultTimeoutAtVersionOne() {
        Session created = join(sessions.create(new NewSession(null, false, Map.of())));

        assertEquals(DEFAULT_TIMEOUT, created.timeoutSeconds());
        assertEquals(T0, created.createdAt());
        assertEquals(T0.plusSeconds(DEFAULT_TIMEOUT), created.expiresAt());
        assertEquals(1, created.version());
        assertFalse(created.readOnly());
        assertTrue(SessionIds.isWellFormed(created.id()));
        assertEquals(List.of("created"), services.events.seen());
    }

    @Test
    void createWhenTimeoutIsAtItsBoundsThenAccepted() {
        assertEquals(
                MIN_TIMEOUT,
                join(sessions.create(new NewSession(MIN_TIMEOUT, false, Map.of())))
                        .timeoutSeconds());
        assertEquals(
                MAX_TIMEOUT,
                join(sessions.create(new NewSession(MAX_TIMEOUT, false, Map.of())))
                        .timeoutSeconds());
    }

    @Test
    void createWhenTimeoutIsOutOfBoundsThenInvalidFieldAndNothingStored() {
        assertRefused(INVALID_FIELD, () -> join(sessions.create(new NewSession(MIN_TIMEOUT - 1, false, Map.of()))));
        assertRefused(INVALID_FIELD, () -> join(sessions.create(new NewSession(MAX_TIMEOUT + 1, false, Map.of()))));
        assertRefused(INVALID_FIELD, () -> join(sessions.create(new NewSession(0, false, Map.of()))));

        assertEquals(0, services.storedSessions());
        assertEquals(List.of(), services.events.seen());
    }

    @Test
    void createWhenInitialItemsAreGivenThenStoredInOrder() {
        Map<String, String> initial = new LinkedHashMap<>();
        initial.put("z", "1");
        initial.put("a", "\"x\"");
        Session created = join(sessions.create(new NewSession(null, true, initial)));

        assertEquals(List.of("z", "a"), services.read(created.id()).items().keys());
        assertTrue(created.readOnly());
    }

    @Test
    void createWhenAnInitialKeyIsInvalidThenInvalidKeyAndNothingStored() {
        assertRefused(INVALID_KEY, () -> join(sessions.create(new NewSession(null, false, Map.of("", "1")))));
        assertRefused(
                INVALID_KEY, () -> join(sessions.create(new NewSession(null, false, Map.of("k".repeat(11), "1")))));
        assertRefused(INVALID_KEY, () -> join(sessions.create(new NewSession(null, false, Map.of("a\nb", "1")))));

        assertEquals(0, services.storedSessions());
    }

    @Test
    void createWhenInitialItemsBreakALimitThenRefusedAndNothingStored() {
        assertRefused(
                VALUE_TOO_LARGE,
                () -> join(sessions.create(new NewSession(null, false, Map.of("k", "\"" + "x".repeat(19) + "\"")))));
        assertRefused(
                TOO_MANY_ITEMS,
                () -> join(
                        sessions.create(new NewSession(null, false, Map.of("a", "1", "b", "2", "c", "3", "d", "4")))));
        String eighteenBytes = "\"" + "x".repeat(16) + "\"";
        assertRefused(
                SESSION_TOO_LARGE,
                () -> join(sessions.create(
                        new NewSession(null, false, Map.of("a", eighteenBytes, "b", eighteenBytes, "c", "12")))));

        assertEquals(0, services.storedSessions());
    }

    @Test
    void readWhenWithinTimeoutThenTouchedSoExpirySlides() {
        String id = createWithTimeout(60);

        clock.advance(Duration.ofSeconds(59));
        Session read = services.read(id);
        assertEquals(T0.plusSeconds(59), read.lastAccessedAt());
        assertEquals(T0.plusSeconds(59 + 60), read.expiresAt());

        clock.advance(Duration.ofSeconds(59));
        assertEquals(T0.plusSeconds(118), services.read(id).lastAccessedAt());
        assertEquals(1, services.read(id).version(), "a touch keeps the version");
    }

    @Test
    void readWhenTimeoutHasPassedThenNotFoundAndCountedExpired() {
        String id = createWithTimeout(60);

        clock.advance(Duration.ofSeconds(60));

        assertRefused(SESSION_NOT_FOUND, () -> services.read(id));
        assertEquals(List.of("created", "ended EXPIRED"), services.events.seen());
        assertEquals(0, services.storedSessions());
    }

    @Test
    void readWhenIdIsMalformedOrUnknownThenNotFound() {
        services.create(Map.of());
        for (String id :
                new String[] {"", "short", "AAAAAAAAAAAAAAAAAAAAA!", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA"
                }) {
            assertRefused(SESSION_NOT_FOUND, () -> services.read(id));
        }
        assertRefused(SESSION_NOT_FOUND, () -> services.read(null));
    }

    @Test
    void patchWhenReadOnlyIsToggledThenStoredEachTimeOneVersionLater() {
        String id = services.create(Map.of());

        Session readOnly = join(sessions.patch(id, patch().readOnly(true).build(), Precondition.NONE));
        assertTrue(readOnly.readOnly());
        assertEquals(2, readOnly.version());

        Session writable = join(sessions.patch(id, patch().readOnly(false).build(), Precondition.NONE));
        assertFalse(writable.readOnly());
        assertEquals(3, services.read(id).version());
    }

    @Test
    void patchWhenPropertiesAreSetThenStoredAndNullResetsThem() {
        String id = services.create(Map.of());

        join(sessions.patch(
                id, patch().commandParm("cmd").lcid(1033).codePage(1252).build(), Precondition.NONE));
        assertEquals(new SessionProperties("cmd", 1033, 1252), services.read(id).properties());

        join(sessions.patch(id, patch().lcid(null).build(), Precondition.NONE));
        assertEquals(new SessionProperties("cmd", null, 1252), services.read(id).properties());
    }

    @Test
    void patchWhenAPropertyIsOutOfRangeThenInvalidFieldAndNothingChanged() {
        String id = services.create(Map.of());

        assertRefused(
                INVALID_FIELD,
                () -> join(sessions.patch(id, patch().codePage(65536).build(), Precondition.NONE)));
        assertRefused(
                INVALID_FIELD, () -> join(sessions.patch(id, patch().lcid(-1).build(), Precondition.NONE)));
        assertRefused(
                INVALID_FIELD,
                () -> join(sessions.patch(
                        id,
                        patch().commandParm("c".repeat(SessionRules.MAX_COMMAND_PARM_LENGTH + 1))
                                .build(),
                        Precondition.NONE)));
        assertRefused(
                INVALID_FIELD,
                () -> join(sessions.patch(id, patch().timeout(MAX_TIMEOUT + 1).build(), Precondition.NONE)));

        Session stored = services.read(id);
        assertEquals(SessionProperties.NONE, stored.properties());
        assertEquals(1, stored.version());
    }

    @Test
    void patchWhenTimeoutIsSetThenExpiryFollowsItAndNullRestoresTheDefault() {
        String id = createWithTimeout(60);

        join(sessions.patch(id, patch().timeout(120).build(), Precondition.NONE));
        clock.advance(Duration.ofSeconds(119));
        assertEquals(120, services.read(id).timeoutSeconds());

        join(sessions.patch(id, patch().timeout(null).build(), Precondition.NONE));
        assertEquals(DEFAULT_TIMEOUT, services.read(id).timeoutSeconds());
    }

    @Test
    void patchWhenIfMatchNamesTheCurrentVersionThenApplied() {
        String id = services.create(Map.of());

        Session patched = join(sessions.patch(id, patch().lcid(7).build(), Precondition.versionIn(Set.of(0L, 1L))));

        assertEquals(7, patched.properties().lcid());
    }

    @Test
    void patchWhenIfMatchNamesAnotherVersionThenPreconditionFailedAndNothingChanged() {
        String id = services.create(Map.of());
        join(sessions.patch(id, patch().lcid(7).build(), Precondition.NONE));

        assertRefused(
                PRECONDITION_FAILED,
                () -> join(sessions.patch(id, patch().lcid(8).build(), Precondition.versionIn(Set.of(1L)))));

        assertEquals(7, services.read(id).properties().lcid());
        assertEquals(2, services.read(id).version());
    }

    @Test
    void endWhenSessionIsLiveThenGoneAndCountedAbandoned() {
        String id = services.create(Map.of());

        join(sessions.end(id, Precondition.NONE));

        assertRefused(SESSION_NOT_FOUND, () -> services.read(id));
        assertRefused(SESSION_NOT_FOUND, () -> join(sessions.end(id, Precondition.NONE)));
        assertEquals(List.of("created", "ended ABANDONED"), services.events.seen());
    }

    @Test
    void endWhenSessionHasExpiredThenNotFoundAndCountedExpired() {
        String id = createWithTimeout(60);
        clock.advance(Duration.ofSeconds(60));

        assertRefused(SESSION_NOT_FOUND, () -> join(sessions.end(id, Precondition.NONE)));

        assertEquals(List.of("created", "ended EXPIRED"), services.events.seen());
    }

    @Test
    void endWhenIdIsMalformedThenNotFound() {
        assertRefused(SESSION_NOT_FOUND, () -> join(sessions.end("not-an-id", Precondition.NONE)));
    }

    private String createWithTimeout(int seconds) {
        return join(sessions.create(new NewSession(seconds, false, Map.of()))).id();
    }

    private static PatchBuilder patch() {
        return new PatchBuilder(
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent(),
                FieldPatch.absent());
    }

    /** A merge patch that sets only the members named. */
    private record PatchBuilder(
            FieldPatch<Integer> timeout,
            FieldPatch<Boolean> readOnly,
            FieldPatch<String> commandParm,
            FieldPatch<Integer> lcid,
            FieldPatch<Integer> codePage) {

        PatchBuilder timeout(Integer value) {
            return new PatchBuilder(FieldPatch.of(value), readOnly, commandParm, lcid, codePage);
        }

        PatchBuilder readOnly(Boolean value) {
            return new PatchBuilder(timeout, FieldPatch.of(value), commandParm, lcid, codePage);
        }

        PatchBuilder commandParm(String value) {
            return new PatchBuilder(timeout, readOnly, FieldPatch.of(value), lcid, codePage);
        }

        PatchBuilder lcid(Integer value) {
            return new PatchBuilder(timeout, readOnly, commandParm, FieldPatch.of(value), codePage);
        }

        PatchBuilder codePage(Integer value) {
            return new PatchBuilder(timeout, readOnly, commandParm, lcid, FieldPatch.of(value));
        }

        SessionPatch build() {
            return new SessionPatch(timeout, readOnly, commandParm, lcid, codePage);
        }
    }
}
