package dev.sessionstate.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.api.WebhookReceiver.Received;
import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryProgress.Pending;
import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Webhooks delivered to a real HTTP receiver ({@link WebhookReceiver}) that checks every signature:
 * once per event when acknowledged, after retries when the receiver fails first, with
 * {@code Retry-After} honoured, a failing event set aside while later ones flow, and each endpoint
 * receiving only its application's events.
 *
 * <p>Back-off is judged by the service's clock, the {@link TestClock}, which stands still: a failed
 * event becomes due only when a test moves the clock past its wait, so no test sleeps for it.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EventLog log;

    @Inject
    MeterRegistry registry;

    @Inject
    TestClock clock;

    @Inject
    DeliveryState state;

    private final WebhookReceiver receiver = WebhookReceiver.shared();

    @Test
    void anEventArrivesOnceSignedAsCloudEventsJson() throws Exception {
        String subject = "S-" + UUID.randomUUID();
        LoggedEvent event = append("default", subject);
        String marker = "\"subject\":\"" + subject + "\"";
        await().atMost(WAIT).until(() -> !receiver.received("ok", marker).isEmpty());
        // A later event acknowledged too: the earlier one had every chance to come twice.
        String after = "S-" + UUID.randomUUID();
        append("default", after);
        await().atMost(WAIT).until(() -> !receiver.received("ok", after).isEmpty());

        List<Received> got = receiver.received("ok", marker);
        assertEquals(1, got.size(), "acknowledged once, received once");
        Received request = got.get(0);
        assertTrue(request.signatureValid(), () -> "signature " + request.signature());
        assertEquals(event.id(), request.id());
        assertEquals("application/cloudevents+json", request.contentType());
        long sent = Long.parseLong(request.timestamp());
        assertTrue(Math.abs(sent - Instant.now().getEpochSecond()) < 300, "webhook-timestamp is now, in seconds");
        JsonNode body = JSON.readTree(request.body());
        assertEquals(event.id(), body.get("id").asText());
        assertEquals(LoggedEvent.ENDED, body.get("type").asText());
        assertEquals("/applications/default", body.get("source").asText());
        assertEquals("abandoned", body.get("data").get("reason").asText());
    }

    @Test
    void aReceiverThatFailsThenRecoversGetsTheEventAfterRetriesAndIsAcknowledgedOnce() {
        double retriedBefore = count("events.retried", "flaky");
        String subject = "S-" + UUID.randomUUID();
        LoggedEvent event = append("default", subject);
        await().atMost(WAIT).until(() -> receiver.received("flaky", subject).size() == 1);
        assertEquals(1, pendingAt("flaky", event).attempts(), "the failed event waits aside, not retried yet");
        await().atMost(WAIT)
                .until(() -> afterBackOff(
                        () -> receiver.received("flaky", subject).stream().anyMatch(r -> r.answered() < 300)));

        List<Received> got = receiver.received("flaky", subject);
        assertEquals(
                List.of(500, 500, 204), got.stream().map(Received::answered).toList());
        assertTrue(got.stream().allMatch(r -> r.id().equals(event.id()) && r.signatureValid()));
        assertTrue(count("events.retried", "flaky") >= retriedBefore + 2);
        // Later events go through (after retries of their own), and the acknowledged one is not sent again.
        String after = "S-" + UUID.randomUUID();
        append("default", after);
        await().atMost(WAIT)
                .until(() -> afterBackOff(
                        () -> receiver.received("flaky", after).stream().anyMatch(r -> r.answered() < 300)));
        assertEquals(3, receiver.received("flaky", subject).size());
    }

    @Test
    void retryAfterIsHonoured() {
        String subject = "S-" + UUID.randomUUID();
        LoggedEvent event = append("default", subject);
        await().atMost(WAIT).until(() -> receiver.received("throttled", subject).size() == 1);
        // The back-off alone would try again within 500 ms (the cap); Retry-After asked for 2 s.
        Pending waiting = pendingAt("throttled", event);
        assertEquals(clock.instant().plus(Duration.ofSeconds(2)), waiting.due());
        clock.advance(Duration.ofSeconds(2));
        await().atMost(WAIT).until(() -> receiver.received("throttled", subject).size() == 2);

        List<Received> got = receiver.received("throttled", subject);
        assertEquals(List.of(429, 200), got.stream().map(Received::answered).toList());
    }

    @Test
    void aFailingEventWaitsAsideWhileLaterEventsFlow() {
        String poison = "poison-" + UUID.randomUUID();
        String fine = "S-" + UUID.randomUUID();
        append("default", poison);
        append("default", fine);
        await().atMost(WAIT).until(() -> !receiver.received("stuck", fine).isEmpty());
        assertTrue(
                receiver.received("stuck", poison).stream().noneMatch(r -> r.answered() < 300),
                "the earlier event still fails");

        receiver.unstick();
        await().atMost(WAIT)
                .until(() -> afterBackOff(
                        () -> receiver.received("stuck", poison).stream().anyMatch(r -> r.answered() < 300)));
    }

    @Test
    void anEndpointReceivesOnlyItsApplicationsEvents() {
        String mine = "S-" + UUID.randomUUID();
        String theirs = "S-" + UUID.randomUUID();
        append("default", theirs);
        append("other", mine);
        await().atMost(WAIT).until(() -> !receiver.received("other", mine).isEmpty());
        await().atMost(WAIT).until(() -> !receiver.received("ok", theirs).isEmpty());
        assertEquals(List.of(), receiver.received("other", theirs));
        assertEquals(List.of(), receiver.received("ok", mine));
        assertTrue(receiver.received("other", mine).get(0).body().contains("\"source\":\"/applications/other\""));
    }

    /** Moves the service's clock past the longest back-off (the profile's cap), then asks. */
    private boolean afterBackOff(BooleanSupplier condition) {
        clock.advance(EventsProfile.RETRY_CAP);
        return condition.getAsBoolean();
    }

    /** The endpoint's waiting attempt of this event, once its failure was saved. */
    private Pending pendingAt(String endpoint, LoggedEvent event) {
        return await().atMost(WAIT)
                .until(() -> pending(endpoint, event), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<Pending> pending(String endpoint, LoggedEvent event) {
        DeliveryProgress progress =
                state.progress(endpoint).toCompletableFuture().join().value();
        return progress == null
                ? Optional.empty()
                : progress.pending().stream()
                        .filter(p -> p.sequence() == event.sequence())
                        .findFirst();
    }

    private double count(String name, String endpoint) {
        return registry.find(name).tag("endpoint", endpoint).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private LoggedEvent append(String application, String subject) {
        return log.append(
                        LoggedEvent.ENDED,
                        application,
                        subject,
                        Instant.now(),
                        "{\"reason\":\"abandoned\",\"items\":{}}")
                .toCompletableFuture()
                .join();
    }
}
