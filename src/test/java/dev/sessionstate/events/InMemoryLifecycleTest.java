package dev.sessionstate.events;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.store.memory.InMemoryEventLog;
import dev.sessionstate.store.memory.InMemorySessionStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The lifecycle contract on the in-memory store, with time standing still: expiry is a sweep at a given time. */
class InMemoryLifecycleTest extends SessionLifecycleContractTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final InMemoryEventLog log = new InMemoryEventLog(() -> T0, Duration.ofHours(1), 1000);
    private final InMemorySessionStore store =
            new InMemorySessionStore(100, new EventLogWriter(log, new SimpleMeterRegistry()));

    @Override
    protected List<SessionStore> replicas() {
        return List.of(store);
    }

    @Override
    protected EventLog log() {
        return log;
    }

    @Override
    protected Instant now() {
        return T0;
    }

    @Override
    protected int timeoutSeconds() {
        return 60;
    }

    @Override
    protected void letExpire(Session session) {
        store.sweep(session.expiresAt());
    }

    /** Appends are done when the call that ended the session returns: there is nothing to wait for. */
    @Override
    protected Duration quietPeriod() {
        return Duration.ZERO;
    }
}
