package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.putItem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The default limits, each refused with a problem before anything is stored. */
@QuarkusTest
class LimitsTest {

    private static String string(int bytes) {
        return "\"" + "x".repeat(bytes - 2) + "\"";
    }

    @Test
    void valueOverItsLimitIs413() {
        String id = createSession();
        putItem(id, "ok", string(64 * 1024)).statusCode(201);
        assertProblem(putItem(id, "big", string(64 * 1024 + 1)), 413, "value-too-large");
        given().get("/sessions/{id}/keys", id).then().body("size()", equalTo(1));
    }

    @Test
    void sessionOverItsByteLimitIs413() {
        String id = createSession();
        String value = string(60 * 1024);
        // 17 values of 60 KiB (plus their keys) fit in 1 MiB; an 18th does not.
        for (int i = 0; i < 17; i++) {
            putItem(id, "k" + i, value).statusCode(201);
        }
        assertProblem(putItem(id, "k17", value), 413, "session-too-large");
        given().get("/sessions/{id}/count", id).then().body("count", equalTo(17));
    }

    @Test
    void tooManyItemsIs422AndNothingIsApplied() {
        String id = createSession();
        StringBuilder patch = new StringBuilder("{");
        for (int i = 0; i < 1001; i++) {
            patch.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        String body = patch.append('}').toString();
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(body)
                        .patch("/sessions/{id}/items", id)
                        .then(),
                422,
                "too-many-items");
        given().get("/sessions/{id}/count", id).then().body("count", equalTo(0));
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"items\":" + body + "}")
                        .post("/sessions")
                        .then(),
                422,
                "too-many-items");
    }

    @Test
    void requestBodyOverItsLimitIs413() {
        String id = createSession();
        assertProblem(putItem(id, "a", string(2 * 1024 * 1024 + 1)), 413, "request-too-large");
    }

    @Test
    void nestingDeeperThanItsLimitIs422() {
        String id = createSession();
        putItem(id, "ok", "[".repeat(32) + "]".repeat(32)).statusCode(201);
        assertProblem(putItem(id, "deep", "[".repeat(33) + "]".repeat(33)), 422, "nesting-too-deep");
    }
}
