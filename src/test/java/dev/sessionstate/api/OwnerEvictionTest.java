package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.OwnersTest.all;
import static dev.sessionstate.api.OwnersTest.create;
import static dev.sessionstate.api.OwnersTest.listed;
import static dev.sessionstate.api.OwnersTest.newOwner;
import static dev.sessionstate.api.OwnersTest.send;
import static dev.sessionstate.api.OwnersTest.uri;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-owner limit of two with {@code evict-oldest}, on the memory store (and on Infinispan by the subclass). */
@QuarkusTest
@TestProfile(OwnerEvictionProfile.class)
class OwnerEvictionTest {

    @Inject
    TestClock clock;

    @Test
    void aCreateBeyondTheLimitEndsTheLeastRecentlyUsedSession() {
        String owner = newOwner();
        String older = create(owner);
        clock.advance(Duration.ofSeconds(1));
        String idle = create(owner);
        clock.advance(Duration.ofSeconds(1));
        given().get("/sessions/{id}", older).then().statusCode(200);
        clock.advance(Duration.ofSeconds(1));

        String newest = create(owner);
        assertProblem(given().get("/sessions/{id}", idle).then(), 404, "session-not-found");
        given().get("/sessions/{id}", older).then().statusCode(200);
        assertEquals(List.of(newest, older), listed(owner));
    }

    @Test
    void aRotationGivingTheOwnerAnotherSessionEndsItsLeastRecentlyUsedOne() {
        String owner = newOwner();
        String idle = create(owner);
        clock.advance(Duration.ofSeconds(1));
        String used = create(owner);
        clock.advance(Duration.ofSeconds(1));
        String anonymous = Api.createSession();

        String renewed = OwnersTest.rotate(anonymous, "{\"owner\":\"" + owner + "\"}")
                .statusCode(201)
                .extract()
                .path("id");
        assertProblem(given().get("/sessions/{id}", idle).then(), 404, "session-not-found");
        assertEquals(List.of(renewed, used), listed(owner));
    }

    @Test
    void manySimultaneousCreatesForOneOwnerLeaveExactlyTheLimitLive() throws Exception {
        String owner = newOwner();
        List<HttpResponse<String>> answers = all(
                16,
                () -> send(HttpRequest.newBuilder(uri("/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"" + owner + "\"}"))));
        long live = answers.stream()
                .filter(a -> a.statusCode() == 201)
                .map(a -> io.restassured.path.json.JsonPath.from(a.body()).getString("id"))
                .filter(id -> given().head("/sessions/{id}", id).statusCode() == 200)
                .count();
        assertEquals(OwnerEvictionProfile.LIMIT, live, answers.toString());
        assertEquals(OwnerEvictionProfile.LIMIT, listed(owner).size());
    }
}
