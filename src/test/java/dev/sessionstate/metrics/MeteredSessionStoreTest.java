package dev.sessionstate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sessionstate.api.UnavailableSessionStore;
import dev.sessionstate.store.memory.InMemorySessionStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The store's gauges: availability as the store answers it, and capacity for a bounded store only. */
class MeteredSessionStoreTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void availableIsOneWhileTheStoreAnswersAndPublishesItsCapacity() {
        try (var store = new MeteredSessionStore(
                new InMemorySessionStore(10, new MicrometerSessionEvents(registry)), registry, OptionalLong.of(10))) {
            assertEquals(
                    1,
                    registry.get("sessions.store.available")
                            .tag("store", "memory")
                            .gauge()
                            .value());
            assertEquals(
                    10,
                    registry.get("sessions.capacity")
                            .tag("store", "memory")
                            .gauge()
                            .value());
        }
    }

    @Test
    void availableIsZeroWhileTheStoreIsDownAndThereIsNoCapacityWithoutABound() {
        try (var store = new MeteredSessionStore(new UnavailableSessionStore(), registry)) {
            assertEquals(
                    0,
                    registry.get("sessions.store.available")
                            .tag("store", "down")
                            .gauge()
                            .value());
            assertNull(registry.find("sessions.capacity").gauge());
        }
    }
}
