package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.putItem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionResourceTest {

    @Test
    void createAnswers201WithLocationEtagAndNewView() {
        ExtractableResponse<Response> created = given().post("/sessions")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("isNew", equalTo(true))
                .body("readOnly", equalTo(false))
                .body("timeoutSeconds", equalTo(1200))
                .body("count", equalTo(0))
                .body("mode", equalTo(ConfigProvider.getConfig().getValue("sessions.store.kind", String.class)))
                .body("commandParm", nullValue())
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/sessions/" + id));
        Instant createdAt = Instant.parse(created.path("createdAt"));
        assertEquals(createdAt.plus(Duration.ofMinutes(20)), Instant.parse(created.path("expiresAt")));
    }

    @Test
    void createWithBodySetsTimeoutReadOnlyAndItems() {
        String id = createSession("{\"timeoutSeconds\":90,\"readOnly\":true,\"items\":{\"b\":1,\"a\":[true]}}");
        given().get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .body("timeoutSeconds", equalTo(90))
                .body("readOnly", equalTo(true))
                .body("count", equalTo(2));
        given().get("/sessions/{id}/keys", id).then().body("", equalTo(java.util.List.of("b", "a")));
    }

    @Test
    void readAnswersViewWithIsNewFalseAndEtag() {
        String id = createSession();
        given().get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo(id))
                .body("isNew", equalTo(false))
                .body("lastAccessedAt", notNullValue());
    }

    @Test
    void headAnswers200ForLiveAnd404ForUnknown() {
        String id = createSession();
        given().head("/sessions/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
        given().head("/sessions/{id}", "AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
    }

    @Test
    void idsAreDistinctAndCarry128RandomBits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(createSession());
        }
        assertEquals(50, ids.size());
        ids.forEach(id -> assertEquals(16, java.util.Base64.getUrlDecoder().decode(id).length));
    }

    @Test
    void unknownMalformedAndAbandonedIdsAllAnswerTheSameProblem() {
        String abandoned = createSession();
        given().post("/sessions/{id}/abandon", abandoned).then().statusCode(204);
        for (String id : new String[] {"nope", "AAAAAAAAAAAAAAAAAAAAAA", abandoned, "x".repeat(300)}) {
            assertProblem(given().get("/sessions/{id}", id).then(), 404, "session-not-found")
                    .body("title", equalTo("Session not found"))
                    .body("detail", notNullValue());
        }
    }

    @Test
    void patchChangesSettingsAndPropertiesAndBumpsVersion() {
        String id = createSession();
        given().contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"timeoutSeconds\":300,\"readOnly\":true,\"commandParm\":\"CALL PGM(X) "
                        + "'ü'\",\"lcid\":1033,\"codePage\":1252}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("timeoutSeconds", equalTo(300))
                .body("readOnly", equalTo(true))
                .body("commandParm", equalTo("CALL PGM(X) 'ü'"))
                .body("lcid", equalTo(1033))
                .body("codePage", equalTo(1252));
        given().contentType(ContentType.JSON)
                .body("{\"lcid\":2057}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .body("lcid", equalTo(2057))
                .body("codePage", equalTo(1252))
                .body("timeoutSeconds", equalTo(300));
    }

    @Test
    void patchWithNullResetsMembersToDefaults() {
        String id = createSession("{\"timeoutSeconds\":60,\"readOnly\":true}");
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"lcid\":7}")
                .patch("/sessions/{id}", id);
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"timeoutSeconds\":null,\"readOnly\":null,\"lcid\":null}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .body("timeoutSeconds", equalTo(1200))
                .body("readOnly", equalTo(false))
                .body("lcid", nullValue());
    }

    @Test
    void patchWithInvalidFieldsIsRefusedAndChangesNothing() {
        String id = createSession();
        for (String body : new String[] {
            "{\"lcid\":\"x\"}",
            "{\"timeoutSeconds\":0}",
            "{\"timeoutSeconds\":86401}",
            "{\"codePage\":70000}",
            "{\"lcid\":-1}",
            "{\"readOnly\":\"yes\"}",
            "{\"colour\":1}",
            "{\"commandParm\":" + "\"" + "x".repeat(1025) + "\"}",
            "{\"lcid\":1.5}",
            "{\"commandParm\":3}"
        }) {
            assertProblem(
                    given().contentType("application/merge-patch+json; charset=utf-8")
                            .body(body)
                            .patch("/sessions/{id}", id)
                            .then(),
                    422,
                    "invalid-field");
        }
        given().get("/sessions/{id}", id).then().header("ETag", "\"1\"").body("lcid", nullValue());
    }

    @Test
    void patchWithStaleIfMatchIsRefused() {
        String id = createSession();
        putItem(id, "a", "1").statusCode(201);
        assertProblem(
                given().contentType("application/merge-patch+json; charset=utf-8")
                        .header("If-Match", "\"1\"")
                        .body("{\"lcid\":1}")
                        .patch("/sessions/{id}", id)
                        .then(),
                412,
                "precondition-failed");
        given().contentType("application/merge-patch+json; charset=utf-8")
                .header("If-Match", "\"2\"")
                .body("{\"lcid\":1}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
    }

    @Test
    void abandonEndsTheSessionForEveryEndpoint() {
        String id = createSession("{\"items\":{\"a\":1}}");
        given().post("/sessions/{id}/abandon", id).then().statusCode(204);

        assertProblem(given().get("/sessions/{id}", id).then(), 404, "session-not-found");
        assertProblem(given().get("/sessions/{id}/items/a", id).then(), 404, "session-not-found");
        assertProblem(putItem(id, "a", "2"), 404, "session-not-found");
        assertProblem(given().post("/sessions/{id}/touch", id).then(), 404, "session-not-found");
        assertProblem(given().get("/sessions/{id}/keys", id).then(), 404, "session-not-found");
        assertProblem(given().post("/sessions/{id}/abandon", id).then(), 404, "session-not-found");
        assertProblem(given().delete("/sessions/{id}", id).then(), 404, "session-not-found");
    }

    @Test
    void deleteEndsTheSession() {
        String id = createSession();
        given().delete("/sessions/{id}", id).then().statusCode(204);
        given().head("/sessions/{id}", id).then().statusCode(404);
    }

    @Test
    void touchAnswers204WithoutBodyAndKeepsVersion() {
        String id = createSession();
        given().post("/sessions/{id}/touch", id).then().statusCode(204).header("ETag", "\"1\"");
    }

    @Test
    void keysAreInInsertionOrderAndCountMatches() {
        String id = createSession();
        for (String key : new String[] {"zeta", "alpha", "mid"}) {
            putItem(id, key, "0").statusCode(201);
        }
        putItem(id, "alpha", "1").statusCode(200);
        given().get("/sessions/{id}/keys", id)
                .then()
                .statusCode(200)
                .body("", equalTo(java.util.List.of("zeta", "alpha", "mid")));
        given().get("/sessions/{id}/count", id).then().statusCode(200).body("count", equalTo(3));
    }

    /** What generated clients send when given no request object: the defaults; white space alone is no JSON. */
    @Test
    void createWithTheBodyNullTakesTheDefaults() {
        given().contentType(ContentType.JSON)
                .body(" null\n")
                .post("/sessions")
                .then()
                .statusCode(201)
                .body("timeoutSeconds", equalTo(1200))
                .body("count", equalTo(0));
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("  ")
                        .post("/sessions")
                        .then(),
                400,
                "malformed-json");
    }

    @Test
    void createWithBadBodiesIsRefused() {
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"timeoutSeconds\":")
                        .post("/sessions")
                        .then(),
                400,
                "malformed-json");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("[1]")
                        .post("/sessions")
                        .then(),
                400,
                "malformed-json");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"a\":1,\"a\":2}")
                        .post("/sessions")
                        .then(),
                400,
                "malformed-json");
        assertProblem(
                given().contentType(ContentType.TEXT)
                        .body("hello")
                        .post("/sessions")
                        .then(),
                415,
                "unsupported-media-type");
        assertProblem(
                given().config(Api.AS_SENT)
                        .header("Content-Type", "garbage")
                        .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .post("/sessions")
                        .then(),
                400,
                "invalid-parameter");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"items\":[1]}")
                        .post("/sessions")
                        .then(),
                422,
                "invalid-field");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"timeoutSeconds\":0}")
                        .post("/sessions")
                        .then(),
                422,
                "invalid-field");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"items\":{\"\\u0001\":1}}")
                        .post("/sessions")
                        .then(),
                400,
                "invalid-key");
    }

    @Test
    void unsupportedMethodAndUnknownPathAnswerProblems() {
        assertProblem(given().put("/sessions").then(), 405, "method-not-allowed");
        assertProblem(given().get("/nothing/here").then(), 404, "not-found");
    }
}
