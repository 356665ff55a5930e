package dev.sessionstate.api;

import static dev.sessionstate.api.Api.PROBLEM;
import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bodies sent with {@code Transfer-Encoding: chunked}, so that no {@code Content-Length} tells their
 * size: one over sessions.limits.max-request-size (2M) is refused with the same problem document as
 * one whose {@code Content-Length} is over it, on both doors (a PUT of an item as the plain route
 * takes it, and the REST resources), and nothing is stored; one within the limit is read whole.
 */
@QuarkusTest
class ChunkedBodyTest {

    private static final int LIMIT = 2 * 1024 * 1024;
    private static final String INITIAL = "{\"items\":{\"k\":1}}";
    private static final String ITEMS_AS_CREATED = "{\"k\":1}";
    /** The item PUT that the plain route takes when its length is known, and one that goes the REST way. */
    private static final List<String> DOORS = List.of("application/json", "application/json; charset=utf-8");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @TestHTTPResource("/")
    URL base;

    /** A JSON string of {@code size} bytes in all. */
    private static byte[] jsonString(int size) {
        return ("\"" + "x".repeat(size - 2) + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the body chunked: the publisher has no length, so the client sends no Content-Length. */
    private HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertEquals(413, response.statusCode(), response::body);
        assertEquals(
                ProblemMapper.PROBLEM_JSON,
                response.headers().firstValue("Content-Type").orElse(""),
                "the media type of a problem document");
        JsonPath problem = JsonPath.from(response.body());
        assertEquals(PROBLEM + "request-too-large", problem.getString("type"));
        assertEquals(413, problem.getInt("status"));
        // The detail of a body of unknown length, not the one of a Content-Length over the limit.
        assertTrue(problem.getString("detail").startsWith("The body has more than"), response::body);
    }

    private static void assertUnchanged(String id) {
        given().get("/sessions/{id}/items", id).then().statusCode(200).body(equalTo(ITEMS_AS_CREATED));
    }

    @Test
    void putItemWhenChunkedBodyIsOverTheLimitThenRequestTooLargeAndNothingStored() throws Exception {
        for (String door : DOORS) {
            String id = createSession(INITIAL);
            assertTooLarge(send("PUT", "sessions/" + id + "/items/big", door, jsonString(LIMIT + 1)));
            assertUnchanged(id);
        }
    }

    @Test
    void restOperationsWhenChunkedBodyIsOverTheLimitThenRequestTooLargeAndNothingStored() throws Exception {
        byte[] patch = ("{\"big\":" + new String(jsonString(LIMIT), StandardCharsets.US_ASCII) + "}")
                .getBytes(StandardCharsets.US_ASCII);
        String id = createSession(INITIAL);
        assertTooLarge(send("PATCH", "sessions/" + id + "/items", "application/merge-patch+json", patch));
        assertTooLarge(send("PUT", "sessions/" + id + "/index/0", "application/json", jsonString(LIMIT + 1)));
        assertUnchanged(id);
        assertTooLarge(send("POST", "sessions", "application/json", patch));
    }

    @Test
    void putItemWhenChunkedBodyIsWithinTheLimitThenStoredWhole() throws Exception {
        for (String door : DOORS) {
            String id = createSession(INITIAL);
            byte[] value = jsonString(50_000);
            HttpResponse<String> response = send("PUT", "sessions/" + id + "/items/big", door, value);
            assertEquals(201, response.statusCode(), response::body);
            given().get("/sessions/{id}/items/big", id)
                    .then()
                    .statusCode(200)
                    .body(equalTo(new String(value, StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void createSessionWhenChunkedBodyIsWithinTheLimitThenCreatedWithItsItems() throws Exception {
        HttpResponse<String> response =
                send("POST", "sessions", "application/json", INITIAL.getBytes(StandardCharsets.US_ASCII));
        assertEquals(201, response.statusCode(), response::body);
        String id = JsonPath.from(response.body()).getString("id");
        assertUnchanged(id);
    }
}
