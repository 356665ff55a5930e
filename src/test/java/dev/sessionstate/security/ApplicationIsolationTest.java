package dev.sessionstate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A session belongs to the application that created it: a caller of another application, whatever
 * its roles, gets for it exactly the answer an unknown session gets, through either door, and
 * changes nothing.
 */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class ApplicationIsolationTest {

    /** A well-formed id that no session has. */
    private static final String UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAA";

    /** Operations on one session, each given the session id. */
    private static final Map<String, Function<String, Response>> OPERATIONS = Map.ofEntries(
            Map.entry("GET session", id -> other().get("/sessions/{id}", id)),
            Map.entry("HEAD session", id -> other().head("/sessions/{id}", id)),
            Map.entry(
                    "PATCH session",
                    id -> other().contentType("application/merge-patch+json; charset=utf-8")
                            .body("{\"readOnly\":true}")
                            .patch("/sessions/{id}", id)),
            Map.entry("POST touch", id -> other().post("/sessions/{id}/touch", id)),
            Map.entry("DELETE session", id -> other().delete("/sessions/{id}", id)),
            Map.entry("GET items", id -> other().get("/sessions/{id}/items", id)),
            Map.entry("GET item (route)", id -> other().get("/sessions/{id}/items/a", id)),
            Map.entry(
                    "GET item (REST)",
                    id -> other().accept("application/json").get("/sessions/{id}/items/a?type=int32", id)),
            Map.entry(
                    "PUT item (route)",
                    id -> other().contentType("application/json").body("8").put("/sessions/{id}/items/b", id)),
            Map.entry("DELETE item", id -> other().delete("/sessions/{id}/items/a", id)),
            Map.entry("DELETE items", id -> other().delete("/sessions/{id}/items", id)),
            Map.entry("POST lock", id -> other().post("/sessions/{id}/lock", id)),
            Map.entry("DELETE lock (admin)", id -> other().delete("/sessions/{id}/lock", id)));

    @Test
    void anotherApplicationsSessionAnswersAsAnUnknownOneAndIsNotChanged() {
        String id = given().header("X-Api-Key", ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .body("{\"items\":{\"a\":7}}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String etag = given().header("X-Api-Key", ApiKeyProfile.READER)
                .get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");

        List<String> wrong = new ArrayList<>();
        OPERATIONS.forEach((name, operation) -> {
            Response theirs = operation.apply(id);
            Response unknown = operation.apply(UNKNOWN);
            if (theirs.statusCode() != 404 || unknown.statusCode() != 404) {
                wrong.add(name + ": " + theirs.statusCode() + " / unknown " + unknown.statusCode());
            } else if (!name.startsWith("HEAD") && !sameProblem(theirs, unknown)) {
                wrong.add(name + ": " + theirs.asString() + " / unknown " + unknown.asString());
            }
        });
        assertEquals(List.of(), wrong);

        given().header("X-Api-Key", ApiKeyProfile.READER)
                .get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .body("readOnly", equalTo(false))
                .body("bytes", equalTo(2));
        given().header("X-Api-Key", ApiKeyProfile.READER)
                .get("/sessions/{id}/items/a", id)
                .then()
                .statusCode(200)
                .body(equalTo("7"));
    }

    @Test
    void eachApplicationSeesItsOwnSessions() {
        String theirs = given().header("X-Api-Key", ApiKeyProfile.OTHER_APPLICATION)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        other().get("/sessions/{id}", theirs).then().statusCode(200);
        given().header("X-Api-Key", ApiKeyProfile.READER)
                .get("/sessions/{id}", theirs)
                .then()
                .statusCode(404);
    }

    private static boolean sameProblem(Response a, Response b) {
        return a.contentType().equals(b.contentType())
                && a.jsonPath().getString("type").equals(b.jsonPath().getString("type"))
                && a.jsonPath().getString("title").equals(b.jsonPath().getString("title"))
                && String.valueOf(a.jsonPath().getString("detail"))
                        .equals(String.valueOf(b.jsonPath().getString("detail")));
    }

    /** A caller of the other application, with every role. */
    private static RequestSpecification other() {
        return given().header("X-Api-Key", ApiKeyProfile.OTHER_APPLICATION);
    }
}
