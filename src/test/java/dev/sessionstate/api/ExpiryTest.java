package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Sliding expiry, driven by the test clock instead of waiting. */
@QuarkusTest
class ExpiryTest {

    @Inject
    TestClock clock;

    @Test
    void idleSessionIsGoneOnceItsTimeoutHasPassed() {
        String id = createSession("{\"timeoutSeconds\":60,\"items\":{\"a\":1}}");
        clock.advance(Duration.ofSeconds(59));
        given().get("/sessions/{id}/items/a", id).then().statusCode(200);

        clock.advance(Duration.ofSeconds(59));
        given().head("/sessions/{id}", id).then().statusCode(200);

        clock.advance(Duration.ofSeconds(61));
        assertProblem(given().get("/sessions/{id}", id).then(), 404, "session-not-found");
        assertProblem(given().get("/sessions/{id}/items/a", id).then(), 404, "session-not-found");
    }

    @Test
    void everyRequestThatNamesTheSessionResetsItsTimer() {
        String id = createSession("{\"timeoutSeconds\":60}");
        for (String path : new String[] {"/sessions/{id}/keys", "/sessions/{id}/count", "/sessions/{id}/items"}) {
            clock.advance(Duration.ofSeconds(45));
            given().get(path, id).then().statusCode(200);
        }
        clock.advance(Duration.ofSeconds(45));
        given().post("/sessions/{id}/touch", id).then().statusCode(204);
        clock.advance(Duration.ofSeconds(45));
        Instant before = clock.instant();
        String expiresAt = given().get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .path("expiresAt");
        // The clock stands still during the request; the API gives times to the millisecond.
        assertEquals(
                before.plusSeconds(60).truncatedTo(ChronoUnit.MILLIS),
                Instant.parse(expiresAt),
                "expiresAt is one timeout after the last access");
    }

    @Test
    void shorterTimeoutSetByPatchAppliesFromThen() {
        String id = createSession();
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"timeoutSeconds\":5}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200);
        clock.advance(Duration.ofSeconds(6));
        given().head("/sessions/{id}", id).then().statusCode(404);
    }

    @Test
    void aSessionTouchedEverySecondStillEndsAtItsMaximumLifetime() {
        Instant created = clock.instant();
        String id = createSession("{\"timeoutSeconds\":60,\"maxLifetimeSeconds\":90,\"items\":{\"a\":1}}");
        JsonPath view = view(id);
        assertEquals(90, view.getInt("maxLifetimeSeconds"));
        assertEquals(millis(created.plusSeconds(60)), Instant.parse(view.getString("expiresAt")));
        assertEquals(millis(created.plusSeconds(60)), Instant.parse(view.getString("idleExpiresAt")));
        assertEquals(millis(created.plusSeconds(90)), Instant.parse(view.getString("absoluteExpiresAt")));
        for (int second = 1; second < 90; second++) {
            clock.advance(Duration.ofSeconds(1));
            given().post("/sessions/{id}/touch", id).then().statusCode(204);
        }
        assertEquals(millis(created.plusSeconds(90)), Instant.parse(view(id).getString("expiresAt")));
        clock.advance(Duration.ofSeconds(1));
        assertProblem(given().get("/sessions/{id}/items/a", id).then(), 404, "session-not-found");
        assertProblem(given().get("/sessions/{id}", id).then(), 404, "session-not-found");
    }

    @Test
    void aSessionWithoutAMaximumLifetimeShowsNone() {
        String id = createSession("{\"cookieless\":true}");
        given().get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .body("absoluteExpiresAt", org.hamcrest.Matchers.nullValue())
                .body("maxLifetimeSeconds", org.hamcrest.Matchers.nullValue())
                .body("cookieless", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void patchLowersTheMaximumLifetimeAndRefusesToRaiseIt() {
        String id = createSession("{\"maxLifetimeSeconds\":3600}");
        clock.advance(Duration.ofSeconds(100));
        assertProblem(
                given().contentType("application/merge-patch+json; charset=utf-8")
                        .body("{\"maxLifetimeSeconds\":3601}")
                        .patch("/sessions/{id}", id)
                        .then(),
                422,
                "invalid-field");
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"maxLifetimeSeconds\":200,\"cookieless\":true}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .body("maxLifetimeSeconds", org.hamcrest.Matchers.equalTo(200))
                .body("cookieless", org.hamcrest.Matchers.equalTo(true));
        clock.advance(Duration.ofSeconds(100));
        given().head("/sessions/{id}", id).then().statusCode(404);
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static JsonPath view(String id) {
        return given().get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
