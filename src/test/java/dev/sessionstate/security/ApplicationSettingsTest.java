package dev.sessionstate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings of one application ({@code sessions.applications.<app>.*}) over HTTP: its timeout
 * bounds, session size, initial items and live-session limit hold for its callers, and another
 * application keeps the global ones.
 */
@QuarkusTest
@TestProfile(ApplicationSettingsProfile.class)
class ApplicationSettingsTest {

    private static final String PROBLEM = "urn:session-state:problem:";

    @Test
    void anApplicationHasItsOwnTimeoutBoundsAndTheOthersTheGlobalOnes() {
        create(shop(), "{}").then().statusCode(201).body("timeoutSeconds", equalTo(60));
        create(shop(), "{\"timeoutSeconds\":120}").then().statusCode(201);
        create(shop(), "{\"timeoutSeconds\":121}")
                .then()
                .statusCode(422)
                .body("type", equalTo(PROBLEM + "invalid-field"))
                .body("detail", equalTo("timeoutSeconds must be between 10 and 120; got 121."));
        create(shop(), "{\"timeoutSeconds\":5}").then().statusCode(422);
        create(blog(), "{}").then().statusCode(201).body("timeoutSeconds", equalTo(1200));
        create(blog(), "{\"timeoutSeconds\":5}").then().statusCode(201);
    }

    @Test
    void newSessionsStartWithTheApplicationsInitialItemsAndRequestedItemsReplaceThem() {
        String plain = id(create(shop(), "{}"));
        shop().get("/sessions/{id}/items", plain)
                .then()
                .statusCode(200)
                .body(equalTo("{\"cart\":[],\"currency\":\"EUR\",\"theme\":{\"dark\":true}}"));
        String given = id(create(shop(), "{\"items\":{\"currency\":\"USD\",\"user\":7}}"));
        shop().get("/sessions/{id}/items", given)
                .then()
                .statusCode(200)
                .body(equalTo("{\"cart\":[],\"currency\":\"USD\",\"theme\":{\"dark\":true},\"user\":7}"));
        shop().get("/sessions/{id}/items/currency", given)
                .then()
                .statusCode(200)
                .body(equalTo("\"USD\""));
        String other = id(create(blog(), "{}"));
        blog().get("/sessions/{id}/items", other).then().statusCode(200).body(equalTo("{}"));
    }

    @Test
    void initialItemsCountInTheApplicationsSessionSize() {
        // The initial items take 37 bytes of shop's 300; the request's own 275 would fit alone.
        String big = "\"" + "x".repeat(270) + "\"";
        create(shop(), "{\"items\":{\"big\":" + big + "}}")
                .then()
                .statusCode(413)
                .body("type", equalTo(PROBLEM + "session-too-large"));
        create(blog(), "{\"items\":{\"big\":" + big + "}}").then().statusCode(201);
        String id = id(create(shop(), "{}"));
        shop().contentType(ContentType.JSON)
                .body(big)
                .put("/sessions/{id}/items/big", id)
                .then()
                .statusCode(413)
                .body("type", equalTo(PROBLEM + "session-too-large"));
        blog().contentType(ContentType.JSON)
                .body(big)
                .put("/sessions/{id}/items/big", id(create(blog(), "{}")))
                .then()
                .statusCode(201);
    }

    @Test
    void anApplicationsLiveSessionsAreLimitedAndAnEndedOneFreesItsPlace() {
        List<String> ids = new ArrayList<>();
        ids.add(id(create(capped(), "{}")));
        ids.add(id(create(capped(), "{}")));
        create(capped(), "{}")
                .then()
                .statusCode(507)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "capacity-exhausted"))
                .body(
                        "detail",
                        equalTo("Application 'capped' holds its maximum of 2 sessions; try again when "
                                + "some have ended."));
        create(blog(), "{}").then().statusCode(201);
        capped().delete("/sessions/{id}", ids.remove(0)).then().statusCode(204);
        ids.add(id(create(capped(), "{}")));
        create(capped(), "{}").then().statusCode(507);
        for (String id : ids) {
            capped().delete("/sessions/{id}", id).then().statusCode(204);
        }
    }

    private static io.restassured.response.Response create(RequestSpecification caller, String body) {
        return caller.contentType(ContentType.JSON).body(body).post("/sessions");
    }

    private static String id(io.restassured.response.Response created) {
        return created.then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification shop() {
        return given().header("X-Api-Key", ApiKeyProfile.WRITER);
    }

    private static RequestSpecification blog() {
        return given().header("X-Api-Key", ApiKeyProfile.OTHER_APPLICATION);
    }

    private static RequestSpecification capped() {
        return given().header("X-Api-Key", ApplicationSettingsProfile.CAPPED);
    }
}
