package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.management;
import static dev.sessionstate.api.Api.putItem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.store.infinispan.InfinispanServer;
import dev.sessionstate.store.infinispan.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Infinispan goes away and comes back, for real: the node is killed and started again while the
 * service runs. Requests answer 503 within about the operation timeout, readiness goes DOWN and
 * liveness stays UP, and the service recovers without a restart.
 */
@QuarkusTest
@TestProfile(InfinispanOutageTest.OwnNode.class)
class InfinispanOutageTest {

    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(1);
    /** What a 503 may take beyond the operation timeout: the HTTP round trip on a busy test machine. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final InfinispanServer NODE = TestServers.stopAtExit(InfinispanServer.single("outage", 200, 7901));

    /** The service on a node of its own, which this test stops and starts. */
    public static class OwnNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sessions.store.kind", "infinispan",
                    "sessions.infinispan.operation-timeout", OPERATION_TIMEOUT.toMillis() + "ms",
                    "quarkus.infinispan-client.hosts", NODE.address(),
                    "quarkus.infinispan-client.use-auth", "false");
        }
    }

    @BeforeAll
    static void startNode() {
        NODE.start();
    }

    @AfterAll
    static void stopNode() {
        NODE.close();
    }

    @Test
    void storeDownAnswers503FastThenRecoversWhenInfinispanIsBack() {
        String id = createSession();
        putItem(id, "k", "1").statusCode(201);

        NODE.kill();

        String fresh = "AAAAAAAAAAAAAAAAAAAAAA";
        for (Supplier<ValidatableResponse> request : java.util.List.<Supplier<ValidatableResponse>>of(
                () -> given().get("/sessions/{id}/items/k", id).then(),
                () -> given().contentType(ContentType.JSON).body("2").put("/sessions/{id}/items/k", id).then(),
                () -> given().post("/sessions").then(),
                () -> given().delete("/sessions/{id}", fresh).then())) {
            Instant start = Instant.now();
            assertProblem(request.get(), 503, "store-unavailable").header("Retry-After", "1");
            Duration took = Duration.between(start, Instant.now());
            assertTrue(took.compareTo(OPERATION_TIMEOUT.plus(SLACK)) < 0, "503 after " + took);
        }
        management().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        NODE.start();

        awaitReady(Duration.ofSeconds(30));
        String after = createSession();
        putItem(after, "k", "3").statusCode(201);
        given().get("/sessions/{id}/items/k", after).then().statusCode(200).body(equalTo("3"));
    }

    /** Polls readiness, as Kubernetes would, until it is UP or {@code limit} has passed. */
    private static void awaitReady(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (management().get("/q/health/ready").statusCode() == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("the service was not ready again within " + limit + " of Infinispan's return");
    }
}
