package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.LoggedEvent;
import dev.sessionstate.store.infinispan.InfinispanEventLog;
import dev.sessionstate.store.infinispan.InfinispanSettings;
import dev.sessionstate.store.infinispan.TestServers;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one Infinispan with events on: every start and end is
 * in the shared log once, including the end of a session that nobody asks for again, which
 * Infinispan's reaper removes and both instances hear.
 */
class EventsTwoInstancesIT {

    private static final String LOG_CACHE = "two-instances-events";
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static RemoteCacheManager client;
    private static InfinispanEventLog log;

    @BeforeAll
    static void start() {
        Map<String, String> config = Map.of(
                "sessions.store.kind", "infinispan",
                "sessions.infinispan.cache", "two-instances-sessions",
                "sessions.infinispan.touch-interval", "0S",
                "sessions.events.enabled", "true",
                "sessions.events.infinispan-cache", LOG_CACHE,
                "sessions.events.infinispan-claims-cache", "two-instances-claims",
                "quarkus.infinispan-client.hosts", TestServers.shared().address(),
                "quarkus.infinispan-client.use-auth", "false");
        first = new ServiceProcess(8093, config).start();
        second = new ServiceProcess(8094, config).start();
        client = new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(TestServers.shared().address())
                .build());
        log = InfinispanEventLog.create(
                () -> client,
                new InfinispanSettings(LOG_CACHE, 2, Duration.ZERO, Duration.ofSeconds(5)),
                Duration.ofHours(1),
                InstantSource.system());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable open : new AutoCloseable[] {log, first, second}) {
            try {
                if (open != null) {
                    open.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aSessionThatInfinispanReapsEndsOnceInTheSharedLog() {
        String id = create(first, "{\"timeoutSeconds\":2,\"items\":{\"cart\":[1,2.50]}}");

        LoggedEvent ended = awaitOne(id, LoggedEvent.ENDED);

        assertTrue(ended.data().contains("\"reason\":\"expired\""), ended.data());
        assertTrue(ended.data().contains("\"items\":{\"cart\":[1,2.50]}"), ended.data());
        assertEquals(1, events(id, LoggedEvent.STARTED).size());
        // Both instances heard the expiry; a second end would show within this.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> events(id, LoggedEvent.ENDED).size() == 1);
    }

    @Test
    void aSessionMadeOnOneInstanceAndAbandonedOnTheOtherStartsAndEndsOnce() {
        String id = create(first, "{\"items\":{\"k\":1}}");
        given().baseUri(second.baseUri())
                .post("/sessions/{id}/abandon", id)
                .then()
                .statusCode(204);

        LoggedEvent ended = awaitOne(id, LoggedEvent.ENDED);
        assertTrue(ended.data().contains("\"reason\":\"abandoned\""), ended.data());
        assertEquals(1, events(id, LoggedEvent.STARTED).size());
    }

    private static String create(ServiceProcess instance, String body) {
        return given().baseUri(instance.baseUri())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static LoggedEvent awaitOne(String subject, String type) {
        List<LoggedEvent> found =
                await().atMost(Duration.ofSeconds(20)).until(() -> events(subject, type), events -> !events.isEmpty());
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static List<LoggedEvent> events(String subject, String type) {
        return log.after(0, 100_000).toCompletableFuture().join().stream()
                .filter(e -> e.subject().equals(subject) && e.type().equals(type))
                .toList();
    }
}
