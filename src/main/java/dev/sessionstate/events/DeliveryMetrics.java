package dev.sessionstate.events;

import dev.sessionstate.core.LoggedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Webhook delivery meters, tagged by endpoint name and event type: {@code events.delivered},
 * {@code events.retried} (attempts after the first), {@code events.dropped} (given up, by
 * {@code reason}: {@code attempts} exhausted, {@code expired} from the log before the next attempt,
 * {@code gone} when the endpoint answered 410), and {@code events.delivery.latency}, from the
 * event's time to the receiver's 2xx.
 */
final class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivered(String endpoint, LoggedEvent event, Duration latency) {
        Counter.builder("events.delivered")
                .description("Events acknowledged by a webhook receiver")
                .tags("endpoint", endpoint, "type", event.type())
                .register(registry)
                .increment();
        Timer.builder("events.delivery.latency")
                .description("From an event's time to its acknowledgement by a webhook receiver")
                .tags("endpoint", endpoint)
                .publishPercentileHistogram()
                .register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void retried(String endpoint, String type) {
        Counter.builder("events.retried")
                .description("Webhook attempts after an event's first")
                .tags("endpoint", endpoint, "type", type)
                .register(registry)
                .increment();
    }

    void dropped(String endpoint, String type, String reason) {
        Counter.builder("events.dropped")
                .description("Events given up for a webhook receiver, by reason")
                .tags("endpoint", endpoint, "type", type, "reason", reason)
                .register(registry)
                .increment();
    }
}
