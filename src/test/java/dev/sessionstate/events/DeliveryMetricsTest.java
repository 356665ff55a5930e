package dev.sessionstate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sessionstate.core.LoggedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);

    /** So that an alert on increase() sees the first drop, which a series born at 1 would hide. */
    @Test
    void anEndpointsCountersExistAtZeroBeforeAnyDelivery() {
        metrics.register("carts");

        for (String type : new String[] {LoggedEvent.STARTED, LoggedEvent.ENDED, LoggedEvent.ROTATED}) {
            assertEquals(0, count("events.delivered", "carts", type, null));
            assertEquals(0, count("events.retried", "carts", type, null));
            assertEquals(0, count("events.dropped", "carts", type, "attempts"));
            assertEquals(0, count("events.dropped", "carts", type, "gone"));
        }
        assertEquals(0, count("events.dropped", "carts", "unknown", "expired"));
        assertNotNull(registry.find("events.delivery.latency")
                .tag("endpoint", "carts")
                .timer());
    }

    @Test
    void aDropCountsOnTheRegisteredSeries() {
        metrics.register("carts");

        metrics.dropped("carts", LoggedEvent.ENDED, DeliveryMetrics.ATTEMPTS);

        assertEquals(1, count("events.dropped", "carts", LoggedEvent.ENDED, "attempts"));
        assertEquals(0, count("events.dropped", "carts", LoggedEvent.STARTED, "attempts"));
        assertEquals(7, registry.find("events.dropped").counters().size(), "no series beyond the registered ones");
    }

    private double count(String name, String endpoint, String type, String reason) {
        var search = registry.find(name).tag("endpoint", endpoint).tag("type", type);
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counter().count();
    }
}
