package dev.sessionstate.api;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionstate.store.infinispan.TestServers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one Infinispan with a limit of three sessions per
 * owner: simultaneous creates for one owner through both leave exactly three, and a session
 * rotated through one instance is gone under its old id on the other at once.
 */
class OwnersTwoInstancesIT {

    private static final int LIMIT = 3;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void start() {
        Map<String, String> config = Map.of(
                "sessions.store.kind", "infinispan",
                "sessions.infinispan.cache", "replicated-owned-sessions",
                "sessions.owners.cache", "replicated-owners",
                "sessions.owners.max-sessions", String.valueOf(LIMIT),
                "quarkus.infinispan-client.hosts", TestServers.shared().address(),
                "quarkus.infinispan-client.use-auth", "false");
        first = new ServiceProcess(8093, config).start();
        second = new ServiceProcess(8094, config).start();
        // Each instance finds (or creates) the owners' cache on first use, which on a busy host can take
        // longer than the operation timeout and answer 503: do it before the simultaneous creates.
        for (ServiceProcess instance : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> on(instance)
                            .queryParam("owner", "warm-up")
                            .get("/sessions")
                            .then()
                            .statusCode(200));
        }
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void simultaneousCreatesThroughBothInstancesLeaveExactlyTheLimit() throws Exception {
        String owner = "user-" + UUID.randomUUID();
        AtomicInteger turn = new AtomicInteger();
        Callable<HttpResponse<String>> create = () -> {
            ServiceProcess instance = turn.getAndIncrement() % 2 == 0 ? first : second;
            return OwnersTest.HTTP.send(
                    HttpRequest.newBuilder(URI.create(instance.baseUri() + "/sessions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"" + owner + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        };
        List<HttpResponse<String>> answers = OwnersTest.all(20, create);
        List<Integer> statuses = new ArrayList<>();
        answers.forEach(answer -> statuses.add(answer.statusCode()));
        assertEquals(LIMIT, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(20 - LIMIT, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (ServiceProcess instance : List.of(first, second)) {
            List<String> listed = on(instance)
                    .queryParam("owner", owner)
                    .get("/sessions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("id");
            assertEquals(LIMIT, listed.size());
        }
    }

    @Test
    void aSessionRotatedOnOneInstanceIsGoneUnderItsOldIdOnTheOther() {
        String owner = "user-" + UUID.randomUUID();
        String old = on(first)
                .contentType(ContentType.JSON)
                .body("{\"owner\":\"" + owner + "\",\"items\":{\"cart\":[1]}}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        on(second).get("/sessions/{id}", old).then().statusCode(200);

        String body = on(first)
                .post("/sessions/{id}/rotate", old)
                .then()
                .statusCode(201)
                .extract()
                .asString();
        String renewed = JsonPath.from(body).getString("id");

        on(second).get("/sessions/{id}", old).then().statusCode(404);
        on(second)
                .contentType(ContentType.JSON)
                .body("2")
                .put("/sessions/{id}/items/cart", old)
                .then()
                .statusCode(404);
        on(second)
                .get("/sessions/{id}/items/cart", renewed)
                .then()
                .statusCode(200)
                .body(equalTo("[1]"));
        List<String> listed = on(second)
                .queryParam("owner", owner)
                .get("/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertEquals(List.of(renewed), listed);
    }

    private static RequestSpecification on(ServiceProcess instance) {
        return given().baseUri(instance.baseUri());
    }
}
