package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.api.WebhookReceiver.Received;
import dev.sessionstate.store.infinispan.TestServers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Event delivery with three instances of the packaged service on one Infinispan: every event
 * reaches the webhook receiver (a real HTTP server here, checking signatures) once, whichever
 * instance produced it; an SSE client that reconnects to another instance with
 * {@code Last-Event-ID} misses nothing; and events pending while the instance that delivers them
 * (found by its metrics: the one that retries refused events) is killed with {@code kill -9} are
 * delivered by another once its lease runs out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsDeliveryClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<ServiceProcess> replicas = new ArrayList<>();
    private static final WebhookReceiver receiver = WebhookReceiver.shared();

    @BeforeAll
    static void start() {
        Map<String, String> config = new HashMap<>(Map.of(
                "sessions.store.kind", "infinispan",
                "sessions.infinispan.cache", "delivery-cluster-sessions",
                "quarkus.infinispan-client.hosts", TestServers.shared().address(),
                "quarkus.infinispan-client.use-auth", "false",
                "sessions.events.enabled", "true",
                "sessions.events.infinispan-cache", "delivery-cluster-events",
                "sessions.events.infinispan-claims-cache", "delivery-cluster-claims",
                "sessions.events.keep-alive", "1S"));
        config.putAll(Map.of(
                "sessions.events.webhooks.cluster.url", WebhookReceiver.url(WebhookReceiver.CLUSTER),
                "sessions.events.webhooks.cluster.secret", WebhookReceiver.secret(WebhookReceiver.CLUSTER),
                "sessions.events.delivery.lease", "3S",
                "sessions.events.delivery.poll", "200MS",
                "sessions.events.delivery.retry-base", "200MS",
                "sessions.events.delivery.retry-cap", "1S",
                "sessions.events.delivery.attempts", "100"));
        for (int port : new int[] {8095, 8096, 8097}) {
            replicas.add(new ServiceProcess(port, config).start());
        }
    }

    @AfterAll
    static void stop() {
        replicas.forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void everyStartAndEndArrivesOnceWhicheverReplicaProducedIt() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = create(replicas.get(i % 3), "{}");
            on(replicas.get((i + 1) % 3))
                    .post("/sessions/{id}/abandon", id)
                    .then()
                    .statusCode(204);
            ids.add(id);
        }
        String expiring = create(replicas.get(2), "{\"timeoutSeconds\":2,\"items\":{\"cart\":[1]}}");
        ids.add(expiring);

        await().atMost(WAIT)
                .until(() -> ids.stream().allMatch(id -> acknowledged(id).size() == 2));
        for (String id : ids) {
            List<Received> got = acknowledged(id);
            assertEquals(2, got.size(), () -> "started and ended once each: " + got);
            assertTrue(got.stream().allMatch(Received::signatureValid));
        }
        assertTrue(acknowledged(expiring).stream().anyMatch(r -> r.body().contains("\"cart\"")));
        Map<String, Long> byId = receiver.received(WebhookReceiver.CLUSTER).stream()
                .filter(r -> r.answered() < 300)
                .collect(Collectors.groupingBy(Received::id, Collectors.counting()));
        assertTrue(byId.values().stream().allMatch(n -> n == 1), () -> "acknowledged more than once: " + byId);
    }

    @Test
    @Order(2)
    void anSseClientThatReconnectsToAnotherReplicaMissesNothing() {
        String lastId;
        List<String> before = new ArrayList<>();
        try (SseClient stream = SseClient.open(URI.create(replicas.get(0).baseUri() + "/events"), Map.of())) {
            stream.next(); // a keep-alive: the stream listens
            for (int i = 0; i < 3; i++) {
                before.add(create(replicas.get(1), "{}"));
            }
            lastId = null;
            for (int i = 0; i < 3; i++) {
                SseClient.Frame frame = stream.nextEvent();
                assertTrue(frame.data().contains(before.get(i)), frame::data);
                lastId = frame.id();
            }
        }
        List<String> meanwhile = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            meanwhile.add(create(replicas.get(1), "{}"));
        }
        try (SseClient stream =
                SseClient.open(URI.create(replicas.get(2).baseUri() + "/events"), Map.of("Last-Event-ID", lastId))) {
            for (String id : meanwhile) {
                SseClient.Frame frame = stream.nextEvent();
                assertTrue(frame.data().contains("\"subject\":\"" + id + "\""), () -> "in order, none lost: " + frame);
            }
            String live = create(replicas.get(0), "{}");
            assertTrue(stream.nextEvent().data().contains(live), "then live");
        }
    }

    @Test
    @Order(3)
    void eventsPendingWhenTheDeliveringReplicaIsKilledAreStillDelivered() {
        receiver.refuse(true);
        Map<ServiceProcess, Double> retriedBefore = new HashMap<>();
        replicas.forEach(replica -> retriedBefore.put(replica, retried(replica)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(replicas.get(1), "{}"));
        }
        await().atMost(WAIT)
                .until(() -> ids.stream().allMatch(id -> !received(id).isEmpty()));
        // The replica that holds the endpoint's lease is the one that retries the refused events.
        List<ServiceProcess> delivering = await().atMost(WAIT)
                .until(
                        () -> replicas.stream()
                                .filter(replica -> retried(replica) > retriedBefore.get(replica))
                                .toList(),
                        found -> !found.isEmpty());
        assertEquals(1, delivering.size(), "one replica delivers to the endpoint");
        delivering.get(0).kill();
        receiver.refuse(false);

        await().atMost(WAIT)
                .until(() -> ids.stream().allMatch(id -> acknowledged(id).size() == 1));
    }

    /** What the replica's {@code events_retried_total} for the endpoint reads (0 before its first retry). */
    private static double retried(ServiceProcess replica) {
        String metrics = given().baseUri(replica.managementUri())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("events_retried_total{")
                        && line.contains("endpoint=\"" + WebhookReceiver.CLUSTER + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static List<Received> received(String sessionId) {
        return receiver.received(WebhookReceiver.CLUSTER, "\"subject\":\"" + sessionId + "\"");
    }

    private static List<Received> acknowledged(String sessionId) {
        return received(sessionId).stream().filter(r -> r.answered() < 300).toList();
    }

    private static String create(ServiceProcess replica, String body) {
        return on(replica)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static RequestSpecification on(ServiceProcess replica) {
        return given().baseUri(replica.baseUri());
    }
}
