package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.putItem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ItemResourceTest {

    /** Every kind of JSON value, with the hard cases: long numbers, all of Unicode, member order. */
    private static final List<String> VALUES = List.of(
            "{\"zebra\":1,\"apple\":{\"y\":[1,2],\"b\":null}}",
            "[1,\"two\",3.0,{\"four\":4},[],{}]",
            "\"h\u00e9llo \u4e16\u754c \ud83c\udf89 \\u0000 \\\"quoted\\\"\"",
            "123456789012345678901234567890123456789",
            "-0.10000000000000000000000000000000000001",
            "1.5E+300",
            "true",
            "false",
            "null");

    @Test
    void putAnswers201ThenReplacing200() {
        String id = createSession();
        putItem(id, "cart", "{\"n\":1}")
                .statusCode(201)
                .header("Location", endsWith("/sessions/" + id + "/items/cart"))
                .header("ETag", "\"2\"");
        putItem(id, "cart", "{\"n\":2}").statusCode(200).header("ETag", "\"3\"");
        given().get("/sessions/{id}/items/cart", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("n", equalTo(2));
    }

    @Test
    void everyJsonValueRoundTripsExactly() {
        String id = createSession();
        for (int i = 0; i < VALUES.size(); i++) {
            putItem(id, "v" + i, VALUES.get(i)).statusCode(201);
        }
        for (int i = 0; i < VALUES.size(); i++) {
            byte[] body = given().get("/sessions/{id}/items/{key}", id, "v" + i)
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .extract()
                    .asByteArray();
            assertEquals(VALUES.get(i), new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void allItemsComeAsOneObjectInInsertionOrder() {
        String id = createSession();
        putItem(id, "b", "{\"z\":1,\"a\":2}");
        putItem(id, "a", "12345678901234567890.12345678901234567890");
        putItem(id, "c", "\"\ud83c\udf89\"");
        String all = given().get("/sessions/{id}/items", id)
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString();
        assertEquals(
                "{\"b\":{\"z\":1,\"a\":2},\"a\":12345678901234567890.12345678901234567890,\"c\":\"\ud83c\udf89\"}",
                all);
    }

    @Test
    void headTellsWhetherTheItemExists() {
        String id = createSession();
        putItem(id, "a", "1");
        given().head("/sessions/{id}/items/a", id).then().statusCode(200);
        given().head("/sessions/{id}/items/b", id).then().statusCode(404);
    }

    @Test
    void missingItemAnswers404ItemNotFound() {
        String id = createSession();
        assertProblem(given().get("/sessions/{id}/items/none", id).then(), 404, "item-not-found");
    }

    @Test
    void deleteRemovesAndAnswers204AlsoWhenAbsent() {
        String id = createSession();
        putItem(id, "a", "1");
        given().delete("/sessions/{id}/items/a", id).then().statusCode(204).header("ETag", "\"3\"");
        given().delete("/sessions/{id}/items/a", id).then().statusCode(204).header("ETag", "\"3\"");
        given().get("/sessions/{id}/count", id).then().body("count", equalTo(0));
    }

    @Test
    void keysWithSlashesSpacesAndNonAsciiLettersWorkWhenEncoded() {
        String id = createSession();
        for (String key : new String[] {"a/b", "with space", "Grüße", "日本", "50%", "?#&"}) {
            putItem(id, key, "\"" + key + "\"").statusCode(201);
            given().get("/sessions/{id}/items/{key}", id, key)
                    .then()
                    .statusCode(200)
                    .body(equalTo("\"" + key + "\""));
        }
        given().get("/sessions/{id}/keys", id)
                .then()
                .body("", equalTo(List.of("a/b", "with space", "Grüße", "日本", "50%", "?#&")));
    }

    @Test
    void badKeysAreRefused() {
        String id = createSession();
        assertProblem(putItem(id, "k".repeat(257), "1"), 400, "invalid-key");
        assertProblem(putItem(id, "tab\there", "1"), 400, "invalid-key");
        putItem(id, "k".repeat(256), "1").statusCode(201);
    }

    @Test
    void clearRemovesAllItems() {
        String id = createSession("{\"items\":{\"a\":1,\"b\":2}}");
        given().delete("/sessions/{id}/items", id).then().statusCode(204).header("ETag", "\"2\"");
        given().get("/sessions/{id}/items", id).then().body(equalTo("{}"));
    }

    @Test
    void mergePatchSetsAndRemovesInOneStep() {
        String id = createSession("{\"items\":{\"a\":1,\"b\":2,\"c\":3}}");
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"b\":null,\"d\":[4],\"a\":10}")
                .patch("/sessions/{id}/items", id)
                .then()
                .statusCode(204)
                .header("ETag", "\"2\"");
        given().get("/sessions/{id}/items", id).then().body(equalTo("{\"a\":10,\"c\":3,\"d\":[4]}"));
    }

    @Test
    void mergePatchWithOneBadMemberChangesNothing() {
        String id = createSession("{\"items\":{\"a\":1}}");
        assertProblem(
                given().contentType("application/merge-patch+json; charset=utf-8")
                        .body("{\"b\":2,\"" + "k".repeat(300) + "\":1}")
                        .patch("/sessions/{id}/items", id)
                        .then(),
                400,
                "invalid-key");
        given().get("/sessions/{id}/items", id).then().body(equalTo("{\"a\":1}"));
    }

    @Test
    void typedReadsRefuseOtherTypes() {
        String id = createSession("{\"items\":{\"n\":42,\"s\":\"42\",\"big\":2147483648,\"f\":42.0}}");
        given().get("/sessions/{id}/items/n?type=int32", id)
                .then()
                .statusCode(200)
                .body(equalTo("42"));
        given().get("/sessions/{id}/items/s?type=string", id)
                .then()
                .statusCode(200)
                .body(equalTo("\"42\""));
        assertProblem(given().get("/sessions/{id}/items/s?type=int32", id).then(), 422, "type-mismatch");
        assertProblem(given().get("/sessions/{id}/items/n?type=string", id).then(), 422, "type-mismatch");
        assertProblem(given().get("/sessions/{id}/items/big?type=int32", id).then(), 422, "type-mismatch");
        assertProblem(given().get("/sessions/{id}/items/f?type=int32", id).then(), 422, "type-mismatch");
        assertProblem(given().get("/sessions/{id}/items/n?type=float", id).then(), 400, "invalid-parameter");
    }

    @Test
    void typedWritesRefuseOtherTypesAndStoreNothing() {
        String id = createSession();
        given().contentType(ContentType.JSON)
                .body("-2147483648")
                .put("/sessions/{id}/items/n?type=int32", id)
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("\"x\"")
                .put("/sessions/{id}/items/s?type=string", id)
                .then()
                .statusCode(201);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("\"7\"")
                        .put("/sessions/{id}/items/m?type=int32", id)
                        .then(),
                422,
                "type-mismatch");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("7")
                        .put("/sessions/{id}/items/m?type=string", id)
                        .then(),
                422,
                "type-mismatch");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("2147483648")
                        .put("/sessions/{id}/items/m?type=int32", id)
                        .then(),
                422,
                "type-mismatch");
        given().get("/sessions/{id}/keys", id).then().body("", equalTo(List.of("n", "s")));
    }

    @Test
    void incrementCountsFromZeroAndAddsDelta() {
        String id = createSession();
        given().post("/sessions/{id}/items/hits/increment", id)
                .then()
                .statusCode(200)
                .body("value", equalTo(1));
        given().post("/sessions/{id}/items/hits/increment?delta=41", id)
                .then()
                .statusCode(200)
                .body("value", equalTo(42));
        given().post("/sessions/{id}/items/hits/increment?delta=-50", id)
                .then()
                .statusCode(200)
                .body("value", equalTo(-8));
        given().get("/sessions/{id}/items/hits?type=int32", id).then().body(equalTo("-8"));
    }

    @Test
    void incrementRefusesNonIntegersOverflowAndBadDelta() {
        String id = createSession(
                "{\"items\":{\"s\":\"1\",\"f\":1.5,\"max\":9223372036854775807,\"huge\":99999999999999999999}}");
        assertProblem(given().post("/sessions/{id}/items/s/increment", id).then(), 422, "type-mismatch");
        assertProblem(given().post("/sessions/{id}/items/f/increment", id).then(), 422, "type-mismatch");
        assertProblem(given().post("/sessions/{id}/items/max/increment", id).then(), 422, "counter-overflow");
        assertProblem(given().post("/sessions/{id}/items/huge/increment", id).then(), 422, "counter-overflow");
        assertProblem(
                given().post("/sessions/{id}/items/n/increment?delta=x", id).then(), 400, "invalid-parameter");
        given().get("/sessions/{id}/items/max", id).then().body(equalTo("9223372036854775807"));
    }

    @Test
    void readOnlySessionRefusesItemWritesButAllowsReads() {
        String id = createSession("{\"readOnly\":true,\"items\":{\"a\":1}}");
        assertProblem(putItem(id, "b", "1"), 409, "read-only");
        assertProblem(given().delete("/sessions/{id}/items/a", id).then(), 409, "read-only");
        assertProblem(given().delete("/sessions/{id}/items", id).then(), 409, "read-only");
        assertProblem(given().post("/sessions/{id}/items/a/increment", id).then(), 409, "read-only");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"a\":2}")
                        .patch("/sessions/{id}/items", id)
                        .then(),
                409,
                "read-only");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("2")
                        .put("/sessions/{id}/index/0", id)
                        .then(),
                409,
                "read-only");
        given().get("/sessions/{id}/items/a", id).then().statusCode(200).body(equalTo("1"));
        given().contentType(ContentType.JSON)
                .body("{\"readOnly\":false}")
                .patch("/sessions/{id}", id)
                .then()
                .statusCode(200);
        putItem(id, "b", "1").statusCode(201);
    }

    @Test
    void ifMatchGuardsWritesAndIfNoneMatchCreatesOnly() {
        String id = createSession();
        putItem(id, "a", "1").header("ETag", "\"2\"");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-Match", "\"1\"")
                        .body("2")
                        .put("/sessions/{id}/items/a", id)
                        .then(),
                412,
                "precondition-failed");
        assertProblem(
                given().header("If-Match", "\"1\"")
                        .delete("/sessions/{id}/items/a", id)
                        .then(),
                412,
                "precondition-failed");
        assertProblem(
                given().header("If-Match", "W/\"2\"")
                        .post("/sessions/{id}/items/a/increment", id)
                        .then(),
                412,
                "precondition-failed");
        given().get("/sessions/{id}/items/a", id).then().body(equalTo("1")).header("ETag", "\"2\"");

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"7\", \"2\"")
                .body("2")
                .put("/sessions/{id}/items/a", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-None-Match", "*")
                        .body("3")
                        .put("/sessions/{id}/items/a", id)
                        .then(),
                412,
                "precondition-failed");
        given().contentType(ContentType.JSON)
                .header("If-None-Match", "*")
                .body("3")
                .put("/sessions/{id}/items/b", id)
                .then()
                .statusCode(201);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .header("If-Match", "3")
                        .body("3")
                        .put("/sessions/{id}/items/b", id)
                        .then(),
                400,
                "invalid-header");
    }

    @Test
    void putRefusesBadBodiesAndStoresNothing() {
        String id = createSession();
        assertProblem(putItem(id, "a", "{\"x\":"), 400, "malformed-json");
        assertProblem(putItem(id, "a", "1 2"), 400, "malformed-json");
        assertProblem(putItem(id, "a", "NaN"), 400, "malformed-json");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .put("/sessions/{id}/items/a", id)
                        .then(),
                400,
                "malformed-json");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body(new byte[] {'"', (byte) 0xC3, '"'})
                        .put("/sessions/{id}/items/a", id)
                        .then(),
                400,
                "malformed-json");
        assertProblem(
                given().contentType(ContentType.XML)
                        .body("<a/>")
                        .put("/sessions/{id}/items/a", id)
                        .then(),
                415,
                "unsupported-media-type");
        given().get("/sessions/{id}/count", id).then().body("count", equalTo(0));
    }

    @Test
    void problemsCarryNoInternals() {
        String id = createSession();
        String body = putItem(id, "a", "{\"x\":tru}").statusCode(400).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(
                body.matches("(?s).*(Exception|\\bat [a-z]+\\.|com\\.fasterxml|\\.java).*"), body);
    }

    @Test
    void concurrentIncrementsOverHttpLoseNoUpdate() throws Exception {
        String id = createSession();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String own = "t" + t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    given().post("/sessions/{id}/items/n/increment", id).then().statusCode(200);
                    putItem(id, own, Integer.toString(i)).statusCode(i == 0 ? 201 : 200);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        given().get("/sessions/{id}/items/n", id).then().body(equalTo(Integer.toString(threads * each)));
        given().get("/sessions/{id}/count", id).then().body("count", equalTo(threads + 1));
    }
}
