package dev.sessionstate.events;

import dev.sessionstate.core.LoggedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * Webhook delivery meters, tagged by endpoint name and event type: {@code events.delivered},
 * {@code events.retried} (attempts after the first), {@code events.dropped} (given up, by
 * {@code reason}: {@code attempts} exhausted, {@code expired} from the log before the next attempt,
 * {@code gone} when the endpoint answered 410), and {@code events.delivery.latency}, from the
 * event's time to the receiver's 2xx.
 *
 * <p>{@link #register(String)} creates an endpoint's counters at 0, so that the first delivery,
 * retry or drop is an increase that {@code increase()} and alerts can see, not a new series.
 */
final class DeliveryMetrics {

    /** Why an event is given up: its attempts ran out, the receiver answered 410, it left the log. */
    static final String ATTEMPTS = "attempts";

    static final String GONE = "gone";
    static final String EXPIRED = "expired";
    /** The type of an event that left the log before its next attempt, so was never read. */
    static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every counter {@code endpoint} can have, at 0, and its latency timer. */
    void register(String endpoint) {
        for (String type : List.of(LoggedEvent.STARTED, LoggedEvent.ENDED, LoggedEvent.ROTATED)) {
            deliveredCounter(endpoint, type);
            retriedCounter(endpoint, type);
            droppedCounter(endpoint, type, ATTEMPTS);
            droppedCounter(endpoint, type, GONE);
        }
        droppedCounter(endpoint, UNKNOWN_TYPE, EXPIRED);
        latency(endpoint);
    }

    void delivered(String endpoint, LoggedEvent event, Duration latency) {
        deliveredCounter(endpoint, event.type()).increment();
        latency(endpoint).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void retried(String endpoint, String type) {
        retriedCounter(endpoint, type).increment();
    }

    void dropped(String endpoint, String type, String reason) {
        droppedCounter(endpoint, type, reason).increment();
    }

    private Counter deliveredCounter(String endpoint, String type) {
        return Counter.builder("events.delivered")
                .description("Events acknowledged by a webhook receiver")
                .tags("endpoint", endpoint, "type", type)
                .register(registry);
    }

    private Counter retriedCounter(String endpoint, String type) {
        return Counter.builder("events.retried")
                .description("Webhook attempts after an event's first")
                .tags("endpoint", endpoint, "type", type)
                .register(registry);
    }

    private Counter droppedCounter(String endpoint, String type, String reason) {
        return Counter.builder("events.dropped")
                .description("Events given up for a webhook receiver, by reason")
                .tags("endpoint", endpoint, "type", type, "reason", reason)
                .register(registry);
    }

    private Timer latency(String endpoint) {
        return Timer.builder("events.delivery.latency")
                .description("From an event's time to its acknowledgement by a webhook receiver")
                .tags("endpoint", endpoint)
                .publishPercentileHistogram()
                .register(registry);
    }
}
