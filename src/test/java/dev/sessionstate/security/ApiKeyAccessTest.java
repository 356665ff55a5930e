package dev.sessionstate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the committed OpenAPI document, read from the document so that a new
 * operation is walked too, with no key, a wrong key and a key of each role: reads need
 * {@code reader} or {@code writer}, the forced release of a lease and the owner operations ({@code GET} and
 * {@code DELETE /sessions?owner=}) {@code admin}, everything else {@code writer}, the event stream
 * {@code events} (events are off here, so it answers 404 once allowed). The plain Vert.x item routes
 * are among them.
 */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class ApiKeyAccessTest {

    private static final Path DOCUMENT = Path.of("src/main/openapi/openapi.json");
    private static final Set<String> READS = Set.of("get", "head");
    private static final String PROBLEM = "urn:session-state:problem:";

    /** One operation of the document. */
    record Operation(String method, String template) {

        boolean isRead() {
            return READS.contains(method);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template;
        }
    }

    @Test
    void everyOperationRefusesCallersWithoutAKeyAndWithAWrongKey() throws IOException {
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 20, "the document lists the operations: " + operations);
        for (Operation operation : operations) {
            refusedAsUnauthenticated(operation, null, "Send an API key");
            refusedAsUnauthenticated(operation, "ssk_writer_not-a-key-at-all", "not accepted");
        }
    }

    @Test
    void everyOperationAllowsOnlyTheRolesThatMayDoIt() throws IOException {
        Map<String, String> keys = Map.of(
                "reader",
                ApiKeyProfile.READER,
                "writer",
                ApiKeyProfile.WRITER,
                "events",
                ApiKeyProfile.EVENTS,
                "admin",
                ApiKeyProfile.ADMIN);
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            for (Map.Entry<String, String> caller : keys.entrySet()) {
                String role = caller.getKey();
                boolean admin = operation.method().equals("delete")
                                && operation.template().endsWith("/lock")
                        || operation.template().equals("/sessions")
                                && !operation.method().equals("post");
                boolean events = operation.template().equals("/events");
                boolean allowed = admin
                        ? role.equals("admin")
                        : events
                                ? role.equals("events")
                                : role.equals("writer") || role.equals("reader") && operation.isRead();
                Response answer = call(operation, caller.getValue());
                int status = answer.statusCode();
                if (allowed == (status == 401 || status == 403)) {
                    wrong.add(operation + " as " + role + ": " + status);
                } else if (!allowed && !operation.method().equals("head")) {
                    answer.then()
                            .statusCode(403)
                            .contentType("application/problem+json")
                            .body("type", equalTo(PROBLEM + "forbidden"))
                            .body("status", equalTo(403))
                            .body(
                                    "detail",
                                    equalTo(
                                            admin
                                                    ? "This operation needs the role admin."
                                                    : events
                                                            ? "This operation needs the role events."
                                                            : operation.isRead()
                                                                    ? "This operation needs the role reader or writer."
                                                                    : "This operation needs the role writer."));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRotatedOutKeyStillWorksWhileItsHashIsConfigured() {
        String id = given().header("X-Api-Key", ApiKeyProfile.WRITER)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("X-Api-Key", ApiKeyProfile.WRITER_OLD)
                .contentType(ContentType.JSON)
                .body("7")
                .put("/sessions/{id}/items/a", id)
                .then()
                .statusCode(201);
        given().header("X-Api-Key", ApiKeyProfile.READER)
                .get("/sessions/{id}/items/a", id)
                .then()
                .statusCode(200)
                .body(equalTo("7"));
    }

    @Test
    void theDocumentAndHealthNeedNoKey() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200);
        given().port(managementPort()).get("/q/health/ready").then().statusCode(200);
        given().port(managementPort()).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void anUnknownPathNeedsAKeyLikeAnyOther() {
        given().get("/nothing-here").then().statusCode(401);
        given().header("X-Api-Key", ApiKeyProfile.READER)
                .get("/nothing-here")
                .then()
                .statusCode(404);
    }

    private static void refusedAsUnauthenticated(Operation operation, String key, String detail) {
        Response answer = call(operation, key);
        assertEquals(401, answer.statusCode(), operation + " with key " + key);
        assertTrue(answer.header("WWW-Authenticate").startsWith("ApiKey"), operation.toString());
        if (!operation.method().equals("head")) {
            answer.then()
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEM + "unauthenticated"))
                    .body("title", equalTo("Authentication required"))
                    .body("status", equalTo(401))
                    .body("detail", containsString(detail));
        }
    }

    /** Calls an operation on a new session, with a JSON body where the operation takes one. */
    private static Response call(Operation operation, String key) {
        String id = given().header("X-Api-Key", ApiKeyProfile.WRITER)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("X-Api-Key", ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .body("1")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(201);
        String path = operation
                .template()
                .replace("{id}", id)
                .replace("{key}", "k")
                .replace("{index}", "0")
                .replace("{lockId}", "1");
        RequestSpecification request = given().redirects().follow(false);
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        if (!operation.isRead() && !operation.method().equals("delete")) {
            request.contentType(
                            operation.method().equals("patch") && !path.endsWith("/items")
                                    ? "application/merge-patch+json"
                                    : "application/json")
                    .body(path.endsWith("/sessions") ? "{}" : "1");
        }
        return request.request(operation.method().toUpperCase(), path);
    }

    static List<Operation> operations() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(DOCUMENT.toFile()).get("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "head", "put", "post", "patch", "delete", "options")
                        .contains(method)) {
                    operations.add(new Operation(method, path.getKey()));
                }
            });
        }
        assertFalse(operations.isEmpty());
        return operations;
    }

    static int managementPort() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }
}
