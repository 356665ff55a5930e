package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.management;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The background sweep frees expired sessions that nobody asks for again, and counts them as
 * expired. Time is moved by the test clock; only the sweep's own short interval is waited for.
 */
@QuarkusTest
@TestProfile(SweepTest.FastSweep.class)
class SweepTest {

    public static class FastSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sessions.memory.sweep-interval", "0.05S");
        }
    }

    @Inject
    TestClock clock;

    @Test
    void expiredSessionsAreSweptWithoutBeingAskedFor() {
        for (int i = 0; i < 3; i++) {
            createSession("{\"timeoutSeconds\":10}");
        }
        String live = createSession("{\"timeoutSeconds\":3600}");
        assertEquals(4.0, metric("sessions_active{store=\"memory\"}"));

        clock.advance(Duration.ofSeconds(11));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> metric("sessions_active{store=\"memory\"}") <= 1.0);

        assertEquals(1.0, metric("sessions_active{store=\"memory\"}"));
        assertEquals(3.0, metric("sessions_ended_total{reason=\"expired\"}"));
        given().head("/sessions/{id}", live).then().statusCode(200);
    }

    private static double metric(String series) {
        String text =
                management().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith(series + " "))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + series));
    }
}
