package dev.sessionstate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sessionstate.store.memory.InMemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.function.Executable;

/**
 * The services of {@code core} on a real {@link InMemorySessionStore}, a clock that moves only
 * when told and events that are recorded: no mocks and no Quarkus. Small limits make every rule
 * easy to reach.
 */
final class InMemoryServices {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final int MAX_KEY_LENGTH = 10;
    static final int MAX_VALUE_BYTES = 20;
    static final int MAX_ITEMS = 3;
    static final int MAX_SESSION_BYTES = 40;
    static final int DEFAULT_TIMEOUT = 1200;
    static final int MIN_TIMEOUT = 60;
    static final int MAX_TIMEOUT = 86_400;
    static final SessionRules RULES = new SessionRules(
            MAX_KEY_LENGTH, MAX_VALUE_BYTES, MAX_ITEMS, MAX_SESSION_BYTES, DEFAULT_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);

    final ManualClock clock = new ManualClock(T0);
    final RecordedEvents events = new RecordedEvents();
    final InMemorySessionStore store = new InMemorySessionStore(100, events);
    final SessionService sessions = new SessionService(store, RULES, new SessionIds(), clock);
    final ItemService items = new ItemService(sessions);
    /** Leases of 30 s unless asked for 1 to 120 s. */
    final LeaseService leases =
            new LeaseService(sessions, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(120));

    /** Creates a session with the default timeout and these items, and returns its id. */
    String create(Map<String, String> initialItems) {
        return join(sessions.create(new NewSession(null, false, initialItems))).id();
    }

    /** The session as stored now; reading it touches it, as every operation does. */
    Session read(String id) {
        return join(sessions.read(id));
    }

    long storedSessions() {
        return join(store.count());
    }

    /** The stage's value; a refusal is thrown as the {@link SessionException} itself. */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SessionException refused) {
                throw refused;
            }
            throw e;
        }
    }

    /** Asserts that {@code call} is refused with {@code kind}, whether it throws or fails its stage. */
    static SessionException assertRefused(SessionException.Kind kind, Executable call) {
        SessionException refused = assertThrows(SessionException.class, call);
        assertEquals(kind, refused.kind(), refused.getMessage());
        return refused;
    }

    /** Session lifecycle events in the order they came. */
    static final class RecordedEvents implements SessionEvents {
        private final List<String> seen = new ArrayList<>();

        @Override
        public synchronized void started(Session session) {
            seen.add("created");
        }

        @Override
        public synchronized void ended(Session finalState, EndReason reason, Instant endedAt) {
            seen.add("ended " + reason);
        }

        synchronized List<String> seen() {
            return List.copyOf(seen);
        }
    }
}
