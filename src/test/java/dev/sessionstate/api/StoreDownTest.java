package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the store down, requests fail fast with a 503 problem and readiness goes DOWN. */
@QuarkusTest
@TestProfile(StoreDownTest.Down.class)
class StoreDownTest {

    public static class Down implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.arc.selected-alternatives", UnavailableSessionStore.class.getName());
        }
    }

    @Test
    void requestsAnswer503WithRetryAfter() {
        assertProblem(given().post("/sessions").then(), 503, "store-unavailable")
                .header("Retry-After", notNullValue());
        assertProblem(given().get("/sessions/{id}", "AAAAAAAAAAAAAAAAAAAAAA").then(), 503, "store-unavailable")
                .header("Retry-After", "1");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("1")
                        .put("/sessions/{id}/items/k", "AAAAAAAAAAAAAAAAAAAAAA")
                        .then(),
                503,
                "store-unavailable");
        assertProblem(given().delete("/sessions/{id}", "AAAAAAAAAAAAAAAAAAAAAA").then(), 503, "store-unavailable");
    }

    @Test
    void readinessIsDownWhileLivenessStaysUp() {
        management().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
