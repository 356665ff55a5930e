package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IndexResourceTest {

    private static final String ITEMS = "{\"items\":{\"first\":1,\"second\":{\"b\":2,\"a\":1},\"third\":\"3\"}}";

    @Test
    void getAtIndexFollowsInsertionOrder() {
        String id = createSession(ITEMS);
        given().get("/sessions/{id}/index/0", id)
                .then()
                .statusCode(200)
                .body(equalTo("{\"key\":\"first\",\"value\":1}"));
        given().get("/sessions/{id}/index/1", id)
                .then()
                .statusCode(200)
                .body(equalTo("{\"key\":\"second\",\"value\":{\"b\":2,\"a\":1}}"));
    }

    @Test
    void setAtIndexReplacesValueKeepingKeyAndPosition() {
        String id = createSession(ITEMS);
        given().contentType(ContentType.JSON)
                .body("[9]")
                .put("/sessions/{id}/index/1", id)
                .then()
                .statusCode(204)
                .header("ETag", "\"2\"");
        given().get("/sessions/{id}/items", id).then().body(equalTo("{\"first\":1,\"second\":[9],\"third\":\"3\"}"));
    }

    @Test
    void removeAtIndexShiftsTheRest() {
        String id = createSession(ITEMS);
        given().delete("/sessions/{id}/index/0", id).then().statusCode(204);
        given().get("/sessions/{id}/keys", id).then().body("", equalTo(List.of("second", "third")));
        given().get("/sessions/{id}/index/0", id).then().body("key", equalTo("second"));
    }

    @Test
    void outOfRangeIs404AndNonIntegerIs400() {
        String id = createSession(ITEMS);
        assertProblem(given().get("/sessions/{id}/index/3", id).then(), 404, "index-out-of-range");
        assertProblem(given().get("/sessions/{id}/index/-1", id).then(), 404, "index-out-of-range");
        assertProblem(given().delete("/sessions/{id}/index/9", id).then(), 404, "index-out-of-range");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("1")
                        .put("/sessions/{id}/index/3", id)
                        .then(),
                404,
                "index-out-of-range");
        assertProblem(given().get("/sessions/{id}/index/one", id).then(), 400, "invalid-parameter");
    }
}
