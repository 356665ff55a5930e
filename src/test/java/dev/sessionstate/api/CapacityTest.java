package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cap on sessions per instance of the memory store, set low to reach it. */
@QuarkusTest
@TestProfile(CapacityTest.ThreeSessions.class)
class CapacityTest {

    public static class ThreeSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sessions.memory.max-sessions", "3");
        }
    }

    @Test
    void creatingBeyondTheCapIsRefusedWith507UntilOneEnds() {
        String first =
                given().post("/sessions").then().statusCode(201).extract().path("id");
        given().post("/sessions").then().statusCode(201);
        given().post("/sessions").then().statusCode(201);
        assertProblem(given().post("/sessions").then(), 507, "capacity-exhausted");

        given().delete("/sessions/{id}", first).then().statusCode(204);
        given().post("/sessions").then().statusCode(201);
    }
}
