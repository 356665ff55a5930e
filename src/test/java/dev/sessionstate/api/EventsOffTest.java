package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With events off (the default), {@code GET /events} is a problem with a stable type, not a stream. */
@QuarkusTest
class EventsOffTest {

    @Test
    void theStreamAnswers404EventsDisabled() {
        given().accept("text/event-stream")
                .get("/events")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:session-state:problem:events-disabled"))
                .body("instance", equalTo("/events"));
    }
}
