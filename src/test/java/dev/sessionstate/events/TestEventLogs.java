package dev.sessionstate.events;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.store.memory.InMemoryEventLog;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;

/** The in-memory event log as a bean, until the service's own wiring produces it. */
@Singleton
public class TestEventLogs {

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    EventLog log() {
        return new InMemoryEventLog(InstantSource.system(), Duration.ofHours(1), 100_000);
    }
}
