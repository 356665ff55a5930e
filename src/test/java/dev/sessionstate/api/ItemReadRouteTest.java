package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET of an item has two ways through the service: the plain Vert.x route (ItemReadRoute) for the
 * usual request, and the REST resource (ItemResource.get) for the rest. Both must answer alike.
 * An Accept header that is not exactly application/json sends a request the REST way.
 */
@QuarkusTest
class ItemReadRouteTest {

    private static final String FAST = "application/json";
    private static final String REST = "application/json, */*;q=0.1";

    @Test
    void bothWaysAnswerAlike() {
        String id = createSession("{\"items\":{\"cart\":{\"sku\":\"A-1\",\"qty\":2},\"n\":12345678901234567890,\"s\":\"é\\u00e9\"}}");
        for (String path : List.of(
                "/sessions/" + id + "/items/cart",
                "/sessions/" + id + "/items/n",
                "/sessions/" + id + "/items/s",
                "/sessions/" + id + "/items/missing",
                "/sessions/AAAAAAAAAAAAAAAAAAAAAA/items/cart",
                "/sessions/not-an-id/items/cart")) {
            Response fast = given().accept(FAST).get(path);
            Response rest = given().accept(REST).get(path);
            assertEquals(rest.statusCode(), fast.statusCode(), path);
            assertEquals(rest.contentType(), fast.contentType(), path);
            assertEquals(rest.header("ETag"), fast.header("ETag"), path);
            assertEquals(rest.header("Retry-After"), fast.header("Retry-After"), path);
            assertEquals(rest.asString(), fast.asString(), path);
        }
    }

    @Test
    void typedReadsAndOtherMediaTypesTakeTheRestWay() {
        String id = createSession("{\"items\":{\"n\":7}}");
        given().get("/sessions/{id}/items/n?type=int32", id).then().statusCode(200);
        given().get("/sessions/{id}/items/n?type=string", id).then().statusCode(422);
        given().accept("text/plain").get("/sessions/{id}/items/n", id).then().statusCode(406);
    }
}
