package dev.sessionstate.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Session ids and API keys stay out of the log: a run with the service's own logging, and that of
 * Quarkus' security and HTTP layers, at DEBUG writes a file; sessions are created, read, changed
 * and ended, with refusals of every common kind on the way, and the file holds none of their ids
 * and none of the keys.
 */
@QuarkusTest
@TestProfile(SessionIdsNotLoggedTest.DebugLog.class)
class SessionIdsNotLoggedTest {

    private static final Path LOG = Path.of("target", "logs", "session-ids-not-logged.log");

    public static class DebugLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new ApiKeyProfile().getConfigOverrides());
            config.put("quarkus.log.file.enabled", "true");
            config.put("quarkus.log.file.path", LOG.toString());
            config.put("quarkus.log.category.\"dev.sessionstate\".level", "DEBUG");
            config.put("quarkus.log.category.\"io.quarkus.security\".level", "DEBUG");
            config.put("quarkus.log.category.\"io.quarkus.vertx.http\".level", "DEBUG");
            config.put("quarkus.log.category.\"io.quarkus.resteasy.reactive\".level", "DEBUG");
            return config;
        }
    }

    @Test
    void noSessionIdOrKeyReachesTheLog() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(lifeOfASession());
        }
        String log = Files.readString(LOG);
        assertTrue(log.contains("Authentication: api-key"), "the run wrote its log to " + LOG);
        List<String> found = new ArrayList<>();
        List<String> keys = List.of(
                ApiKeyProfile.WRITER,
                ApiKeyProfile.WRITER_OLD,
                ApiKeyProfile.READER,
                ApiKeyProfile.ADMIN,
                ApiKeyProfile.OTHER_APPLICATION,
                "ssk_wrong_key");
        for (String secret : concat(ids, keys)) {
            if (log.contains(secret)) {
                found.add(secret);
            }
        }
        assertEquals(List.of(), found, "found in " + LOG);
    }

    private static String lifeOfASession() {
        String id = as(ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .body("{\"timeoutSeconds\":60}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .body("{\"a\":1}")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(201);
        as(ApiKeyProfile.READER).get("/sessions/{id}/items/k", id).then().statusCode(200);
        as(ApiKeyProfile.READER).get("/sessions/{id}", id).then().statusCode(200);
        as(ApiKeyProfile.READER).get("/sessions/{id}/items/missing", id).then().statusCode(404);
        as(ApiKeyProfile.READER).delete("/sessions/{id}", id).then().statusCode(403);
        // Another application's caller, with its key, and the writer's second key.
        as(ApiKeyProfile.OTHER_APPLICATION).get("/sessions/{id}", id).then().statusCode(404);
        as(ApiKeyProfile.OTHER_APPLICATION).delete("/sessions/{id}", id).then().statusCode(404);
        as(ApiKeyProfile.WRITER_OLD).get("/sessions/{id}/items/k", id).then().statusCode(200);
        as(ApiKeyProfile.ADMIN).delete("/sessions/{id}/lock", id).then().statusCode(204);
        as("ssk_wrong_key").get("/sessions/{id}/items/k", id).then().statusCode(401);
        given().get("/sessions/{id}", id).then().statusCode(401);
        as(ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .body("{")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(400);
        as(ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"999\"")
                .body("2")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(412);
        as(ApiKeyProfile.WRITER)
                .post("/sessions/{id}/items/k/increment", id)
                .then()
                .statusCode(422);
        as(ApiKeyProfile.WRITER).delete("/sessions/{id}", id).then().statusCode(204);
        as(ApiKeyProfile.READER).get("/sessions/{id}/items/k", id).then().statusCode(404);
        as(ApiKeyProfile.WRITER).post("/sessions/{id}/touch", id).then().statusCode(404);
        return id;
    }

    private static RequestSpecification as(String key) {
        return given().header("X-Api-Key", key);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
