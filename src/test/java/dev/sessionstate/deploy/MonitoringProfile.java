package dev.sessionstate.deploy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service as the dashboard and the alerts watch it: events on, delivered to two webhook
 * endpoints of a real HTTP receiver ({@link WebhookReceiverResource}), one that acknowledges and
 * one that always fails, so that every delivery meter exists. Two attempts in all, so that the
 * failing endpoint's events are retried once and then dropped.
 */
public class MonitoringProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sessions.events.enabled", "true",
                "sessions.events.delivery.attempts", "2",
                "sessions.events.delivery.poll", "100MS");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WebhookReceiverResource.class));
    }
}
