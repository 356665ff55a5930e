package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.management;
import static dev.sessionstate.api.Api.putItem;
import static dev.sessionstate.api.Readiness.awaitReady;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.store.infinispan.InfinispanServer;
import dev.sessionstate.store.infinispan.TestServers;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Infinispan goes away and comes back, for real: the node is killed and started again while the
 * packaged service runs. Requests answer 503 within about the operation timeout, readiness goes
 * DOWN and liveness stays UP, and the service recovers without a restart.
 *
 * <p>An integration test because it is slow (a node started twice) and because it bounds real
 * time: the bound is generous (several times the operation timeout) and still far below what a
 * request would take without it (the Hot Rod client's default socket timeout, 60 s).
 */
@QuarkusIntegrationTest
@TestProfile(InfinispanOutageIT.OwnNode.class)
class InfinispanOutageIT {

    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(1);
    /** What a 503 may take beyond the operation timeout: the HTTP round trip on a busy 2-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(4);
    /** How long the service may take to be ready, at the start and after Infinispan's return. */
    private static final Duration READY = Duration.ofSeconds(30);

    private static final InfinispanServer NODE = TestServers.stopAtExit(InfinispanServer.single("outage", 200, 7901));

    /** The service on a node of its own, which this test stops and starts. */
    public static class OwnNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sessions.store.kind",
                    "infinispan",
                    "sessions.infinispan.operation-timeout",
                    OPERATION_TIMEOUT.toMillis() + "ms",
                    "quarkus.infinispan-client.hosts",
                    NODE.address(),
                    "quarkus.infinispan-client.use-auth",
                    "false");
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
    void requestsWhenInfinispanIsDownThenAnswer503SoonAndRecoverWhenItIsBack() {
        awaitReady(READY);
        String id = createSession();
        putItem(id, "k", "1").statusCode(201);

        NODE.kill();

        String fresh = "AAAAAAAAAAAAAAAAAAAAAA";
        for (Supplier<ValidatableResponse> request : List.<Supplier<ValidatableResponse>>of(
                () -> given().get("/sessions/{id}/items/k", id).then(),
                () -> given().contentType(ContentType.JSON)
                        .body("2")
                        .put("/sessions/{id}/items/k", id)
                        .then(),
                () -> given().post("/sessions").then(),
                () -> given().delete("/sessions/{id}", fresh).then())) {
            long start = System.nanoTime();
            assertProblem(request.get(), 503, "store-unavailable").header("Retry-After", "1");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(OPERATION_TIMEOUT.plus(SLACK)) < 0, "503 after " + took);
        }
        management().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        NODE.start();

        awaitReady(READY);
        String after = createSession();
        putItem(after, "k", "3").statusCode(201);
        given().get("/sessions/{id}/items/k", after).then().statusCode(200).body(equalTo("3"));
    }
}
