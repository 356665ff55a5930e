package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * GET and PUT of an item have two ways through the service: the plain Vert.x routes (ItemRoutes)
 * for the usual request, and the REST resource (ItemResource) for the rest. Both must answer
 * alike. A media range with a parameter other than q in Accept sends a request the REST way.
 */
@QuarkusTest
class ItemRoutesTest {

    private static final String FAST = "application/json";
    /** What axios sends, and takes the route too. */
    private static final String AXIOS = "application/json, text/plain, */*";

    private static final String REST = "application/json;charset=utf-8";
    /**
     * Content-Type exactly application/json (RestAssured would otherwise add a charset), and a
     * request that a route never answers fails rather than hangs.
     */
    private static final RestAssuredConfig EXACT_CONTENT_TYPE = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 10_000));

    @Test
    void bothWaysReadAlike() {
        String id = createSession(
                "{\"items\":{\"cart\":{\"sku\":\"A-1\",\"qty\":2},\"n\":12345678901234567890,\"s\":\"é\\u00e9😀\"}}");
        for (String path : List.of(
                "/sessions/" + id + "/items/cart",
                "/sessions/" + id + "/items/n",
                "/sessions/" + id + "/items/s",
                "/sessions/" + id + "/items/missing",
                "/sessions/" + id + "/items/" + "k".repeat(300),
                "/sessions/AAAAAAAAAAAAAAAAAAAAAA/items/cart",
                "/sessions/not-an-id/items/cart")) {
            assertAlike(
                    path, given().accept(FAST).get(path), given().accept(REST).get(path), Function.identity());
        }
    }

    @Test
    void bothWaysWriteAlike() {
        String session = "{\"items\":{\"cart\":{\"qty\":1}}}";
        String readOnly = "{\"readOnly\":true,\"items\":{\"cart\":1}}";
        List<Write> writes = List.of(
                new Write(session, "fresh", "{\"qty\":2}", Map.of()),
                new Write(session, "cart", " [1, 2.50, \"é\"] ", Map.of()),
                new Write(session, "cart", "3", Map.of("If-Match", "\"1\"")),
                new Write(session, "cart", "3", Map.of("If-Match", "\"7\"")),
                new Write(session, "cart", "3", Map.of("If-Match", "nonsense")),
                new Write(session, "cart", "3", Map.of("If-None-Match", "*")),
                new Write(session, "fresh", "3", Map.of("If-None-Match", "*")),
                new Write(session, "cart", "3", Map.of("If-None-Match", "\"1\"")),
                new Write(session, "cart", "{\"unclosed\":", Map.of()),
                new Write(session, "cart", "", Map.of()),
                new Write(session, "cart", "\"" + "x".repeat(70_000) + "\"", Map.of()),
                new Write(session, "k".repeat(300), "1", Map.of()),
                new Write(readOnly, "cart", "2", Map.of()),
                new Write(null, "cart", "2", Map.of()));
        for (Write write : writes) {
            String fastId = write.session() == null ? "AAAAAAAAAAAAAAAAAAAAAA" : createSession(write.session());
            String restId = write.session() == null ? "AAAAAAAAAAAAAAAAAAAAAA" : createSession(write.session());
            Response fast = write.send(fastId, FAST);
            Response rest = write.send(restId, REST);
            assertAlike(
                    write.toString().substring(0, Math.min(200, write.toString().length())),
                    fast,
                    rest,
                    text -> text == null ? null : text.replace(fastId, restId));
            if (fast.statusCode() < 300) {
                assertEquals(
                        given().get("/sessions/{id}/items", restId).asString(),
                        given().get("/sessions/{id}/items", fastId).asString(),
                        write.key());
            }
        }
    }

    @Test
    void readWhenClientsSendTheirUsualHeadersThenTheRouteAnswers() {
        String id = createSession("{\"items\":{\"n\":7}}");
        for (String accept : List.of(
                FAST,
                AXIOS,
                "*/*",
                "application/*",
                "text/html, application/json;q=0.9",
                "application/json;q=0.5, */*;q=0.1")) {
            Response read = given().accept(accept).get("/sessions/{id}/items/n", id);
            assertEquals(200, read.statusCode(), accept);
            assertTrue(answeredByRoute(read), accept);
        }
        Response none = given().header("Accept", "").get("/sessions/{id}/items/n", id);
        assertEquals(200, none.statusCode());
    }

    @Test
    void writeWhenClientsSendTheirUsualHeadersThenTheRouteAnswers() {
        String id = createSession();
        for (String contentType : List.of(
                FAST,
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "Application/JSON; Charset=\"utf-8\"")) {
            Response put = given().config(EXACT_CONTENT_TYPE)
                    .accept(AXIOS)
                    .contentType(contentType)
                    .body("1")
                    .put("/sessions/{id}/items/{key}", id, "k" + contentType.hashCode());
            assertEquals(201, put.statusCode(), contentType);
            assertTrue(answeredByRoute(put), contentType);
        }
    }

    @Test
    void writeWhenAcceptRefusesJsonThenTheRestWayAnswers() {
        String id = createSession();
        Response put = given().config(EXACT_CONTENT_TYPE)
                .accept("application/json;q=0, text/plain")
                .contentType(FAST)
                .body("1")
                .put("/sessions/{id}/items/k", id);
        assertFalse(answeredByRoute(put));
        // A stored item is answered without a body, so the REST layer does not negotiate one.
        assertEquals(201, put.statusCode());
    }

    @Test
    void typedAccessAndOtherMediaTypesTakeTheRestWay() {
        String id = createSession("{\"items\":{\"n\":7}}");
        given().get("/sessions/{id}/items/n?type=int32", id).then().statusCode(200);
        given().get("/sessions/{id}/items/n?type=string", id).then().statusCode(422);
        given().accept("text/plain").get("/sessions/{id}/items/n", id).then().statusCode(406);
        given().config(EXACT_CONTENT_TYPE)
                .contentType("text/plain")
                .body("7")
                .put("/sessions/{id}/items/n", id)
                .then()
                .statusCode(415);
        given().config(EXACT_CONTENT_TYPE)
                .contentType(FAST)
                .body("\"x\"")
                .put("/sessions/{id}/items/n?type=int32", id)
                .then()
                .statusCode(422);
    }

    /** Status, media type, headers and body agree, after {@code sameIds} maps the fast request's ids to the other's. */
    private static void assertAlike(String what, Response fast, Response rest, Function<String, String> sameIds) {
        assertTrue(answeredByRoute(fast), what + ": the route did not answer the usual request");
        assertFalse(answeredByRoute(rest), what + ": the route answered a request it must hand on");
        assertEquals(rest.statusCode(), fast.statusCode(), what);
        assertEquals(rest.contentType(), fast.contentType(), what);
        for (String header : List.of("ETag", "Retry-After", "Location", "Content-Length")) {
            assertEquals(rest.header(header), sameIds.apply(fast.header(header)), what + ": " + header);
        }
        assertEquals(rest.asString(), sameIds.apply(fast.asString()), what);
    }

    /**
     * Whether the Vert.x route wrote the answer: it names headers in lower case, as Vert.x
     * spells them, where the REST layer writes {@code ETag} and {@code Content-Type}. Header names
     * are case-insensitive in HTTP, so this tells the two ways apart without making a difference
     * to clients.
     */
    static boolean answeredByRoute(Response response) {
        return response.headers().asList().stream()
                .anyMatch(h -> h.getName().equals("etag") || h.getName().equals("content-type"));
    }

    /** One PUT of an item into a fresh session made of {@code session} (none: an unknown id), with headers. */
    private record Write(String session, String key, String body, Map<String, String> headers) {

        Response send(String id, String accept) {
            RequestSpecification request = given().config(EXACT_CONTENT_TYPE)
                    .accept(accept)
                    .contentType(FAST)
                    .headers(headers)
                    .body(body);
            return request.put("/sessions/{id}/items/{key}", id, key);
        }
    }
}
