package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Events on, with short timings: keep-alive comments every 300 ms, webhook retries from 100 ms,
 * and one webhook endpoint per behaviour of {@link WebhookReceiver} (a real HTTP server on
 * 127.0.0.1), each with its own secret.
 */
public class EventsProfile implements QuarkusTestProfile {

    /** The longest back-off between two attempts of a webhook event. */
    static final Duration RETRY_CAP = Duration.ofMillis(500);

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(Map.of(
                "sessions.events.enabled", "true",
                "sessions.events.keep-alive", "300MS",
                // A short log, so that an id falls out of the retention without waiting for it.
                "sessions.events.memory-max-events", "8",
                "sessions.events.delivery.retry-base", "100MS",
                "sessions.events.delivery.retry-cap", RETRY_CAP.toMillis() + "MS",
                "sessions.events.delivery.attempts", "20",
                "sessions.events.delivery.timeout", "2S",
                "sessions.events.delivery.poll", "100MS"));
        for (String name : WebhookReceiver.ENDPOINTS) {
            config.put("sessions.events.webhooks." + name + ".url", WebhookReceiver.url(name));
            config.put("sessions.events.webhooks." + name + ".secret", WebhookReceiver.secret(name));
        }
        config.put("sessions.events.webhooks.other.application", "other");
        return config;
    }
}
