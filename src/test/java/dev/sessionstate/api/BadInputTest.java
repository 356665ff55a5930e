package dev.sessionstate.api;

import static dev.sessionstate.api.Api.AS_SENT;
import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused with a 4xx problem and changes nothing, whichever door a request takes:
 * the plain item route (plain JSON Accept) or the REST layer (an Accept with a parameter).
 */
@QuarkusTest
class BadInputTest {

    private static final List<String> DOORS = List.of("application/json", "application/json;charset=utf-8");
    private static final String INITIAL = "{\"items\":{\"k\":1,\"n\":5}}";
    private static final String ITEMS_AS_CREATED = "{\"k\":1,\"n\":5}";

    /** {@code "} then {@code bytes} then {@code "}: a JSON string holding those bytes. */
    private static byte[] quoted(int... bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('"');
        for (int b : bytes) {
            out.write(b);
        }
        out.write('"');
        return out.toByteArray();
    }

    private static RequestSpecification json(String accept) {
        return given().config(AS_SENT).accept(accept).contentType("application/json");
    }

    private static RequestSpecification as(String contentType) {
        return given().config(AS_SENT).contentType(contentType);
    }

    private static RequestSpecification withBody() {
        return as("application/json").body("{\"delta\":5}");
    }

    private static void assertUnchanged(String id) {
        given().get("/sessions/{id}/items", id).then().statusCode(200).body(equalTo(ITEMS_AS_CREATED));
    }

    @Test
    void putItemWhenBodyIsNotUtf8ThenMalformedJsonAndNothingStored() {
        for (String door : DOORS) {
            String id = createSession(INITIAL);
            for (byte[] body : List.of(quoted(0xED, 0xA0, 0x80), quoted(0xC3, 0x28), quoted(0xFF), new byte[] {
                (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'
            })) {
                assertProblem(
                        json(door).body(body).put("/sessions/{id}/items/k", id).then(), 400, "malformed-json");
                assertProblem(
                        json(door)
                                .body(body)
                                .put("/sessions/{id}/items/new", id)
                                .then(),
                        400,
                        "malformed-json");
            }
            assertUnchanged(id);
        }
    }

    @Test
    void putItemWhenBodyHoldsTheReplacementCharacterItselfThenItIsStored() {
        String id = createSession();
        json("application/json")
                .body(quoted(0xEF, 0xBF, 0xBD))
                .put("/sessions/{id}/items/r", id)
                .then()
                .statusCode(201);
        byte[] stored = given().get("/sessions/{id}/items/r", id)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(quoted(0xEF, 0xBF, 0xBD), stored);
    }

    @Test
    void writesWithObjectBodiesWhenNotUtf8ThenMalformedJson() {
        String id = createSession(INITIAL);
        byte[] patch = new byte[] {'{', '"', 'k', '"', ':', '"', (byte) 0xED, (byte) 0xB0, (byte) 0x80, '"', '}'};
        assertProblem(
                given().config(AS_SENT)
                        .contentType("application/merge-patch+json")
                        .body(patch)
                        .patch("/sessions/{id}/items", id)
                        .then(),
                400,
                "malformed-json");
        byte[] create =
                new byte[] {'{', '"', 'i', 't', 'e', 'm', 's', '"', ':', '{', '"', (byte) 0xC3, '"', ':', '1', '}', '}'
                };
        assertProblem(json("application/json").body(create).post("/sessions").then(), 400, "malformed-json");
        assertUnchanged(id);
    }

    @Test
    void pathWhenPercentEncodingIsNotUtf8ThenRefused() {
        String id = createSession(INITIAL);
        for (String door : DOORS) {
            assertProblem(
                    json(door)
                            .urlEncodingEnabled(false)
                            .body("2")
                            .put("/sessions/" + id + "/items/%C3%28")
                            .then(),
                    400,
                    "invalid-key");
            assertProblem(
                    given().urlEncodingEnabled(false)
                            .accept(door)
                            .get("/sessions/" + id + "/items/%ED%A0%80")
                            .then(),
                    400,
                    "invalid-key");
        }
        assertProblem(
                given().urlEncodingEnabled(false)
                        .delete("/sessions/" + id + "/items/%C3%28")
                        .then(),
                400,
                "invalid-key");
        assertProblem(
                given().urlEncodingEnabled(false)
                        .post("/sessions/" + id + "/items/%FF/increment")
                        .then(),
                400,
                "invalid-parameter");
        assertProblem(given().urlEncodingEnabled(false).get("/sessions/%C3%28").then(), 400, "invalid-parameter");
        // A well-formed encoding is still a key like any other.
        json("application/json")
                .urlEncodingEnabled(false)
                .body("3")
                .put("/sessions/" + id + "/items/%C3%A9t%C3%A9")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);
        given().get("/sessions/{id}/items/{key}", id, "été")
                .then()
                .statusCode(200)
                .body(equalTo("3"));
    }

    @Test
    void bodyWhenCharsetIsNotUtf8ThenUnsupportedMediaType() {
        String id = createSession(INITIAL);
        for (String type : List.of(
                "application/json; charset=iso-8859-1",
                "application/json;charset=\"UTF-16\"",
                "application/merge-patch+json; charset=ISO-8859-1")) {
            assertProblem(as(type).body("2").put("/sessions/{id}/items/k", id).then(), 415, "unsupported-media-type");
            assertProblem(
                    as(type).body("{\"k\":2}").patch("/sessions/{id}/items", id).then(), 415, "unsupported-media-type");
            assertProblem(
                    as(type).body("{\"lcid\":1}").patch("/sessions/{id}", id).then(), 415, "unsupported-media-type");
            assertProblem(as(type).body("{}").post("/sessions").then(), 415, "unsupported-media-type");
        }
        assertUnchanged(id);
    }

    @Test
    void operationsWithoutBodyWhenSentOneThenUnexpectedBodyAndNothingDone() {
        String id = createSession(INITIAL);
        assertProblem(withBody().post("/sessions/{id}/items/n/increment", id).then(), 400, "unexpected-body");
        assertProblem(withBody().post("/sessions/{id}/abandon", id).then(), 400, "unexpected-body");
        assertProblem(withBody().post("/sessions/{id}/touch", id).then(), 400, "unexpected-body");
        assertProblem(withBody().delete("/sessions/{id}", id).then(), 400, "unexpected-body");
        assertProblem(withBody().delete("/sessions/{id}/items/k", id).then(), 400, "unexpected-body");
        assertProblem(withBody().delete("/sessions/{id}/items", id).then(), 400, "unexpected-body");
        assertUnchanged(id);
        // Without a body, the same requests work.
        given().post("/sessions/{id}/items/n/increment?delta=5", id)
                .then()
                .statusCode(200)
                .body("value", equalTo(10));
    }

    @Test
    void queryWhenParameterIsUnknownOrRepeatedThenInvalidParameter() {
        String id = createSession(INITIAL);
        ValidatableResponse typo = json("application/json")
                .body("\"x\"")
                .put("/sessions/{id}/items/k?tpye=int32", id)
                .then();
        assertProblem(typo, 400, "invalid-parameter");
        assertProblem(
                given().post("/sessions/{id}/items/n/increment?delta=1&delta=5", id)
                        .then(),
                400,
                "invalid-parameter");
        assertProblem(
                given().get("/sessions/{id}/items/k?type=int32&type=string", id).then(), 400, "invalid-parameter");
        assertProblem(given().get("/sessions/{id}?verbose=true", id).then(), 400, "invalid-parameter");
        assertUnchanged(id);
    }
}
