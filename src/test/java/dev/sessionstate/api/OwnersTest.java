package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Sessions by owner, on the memory store (the Infinispan subclass runs them all again): owner at
 * create, listing and ending an owner's sessions, the per-owner limit of three that rejects
 * (including many creates at once), lists that drop ended sessions at once, and id rotation.
 */
@QuarkusTest
@TestProfile(OwnerLimitProfile.class)
class OwnersTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    TestClock clock;

    static String newOwner() {
        return "user-" + UUID.randomUUID();
    }

    static String create(String owner) {
        return createSession("{\"owner\":\"" + owner + "\"}");
    }

    static List<String> listed(String owner) {
        return given().queryParam("owner", owner)
                .get("/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    @Test
    void theOwnerGivenAtCreateIsShownInTheView() {
        String owner = "ünïcödé owner 🙂 " + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"owner\":\"" + owner + "\"}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .body("owner", equalTo(owner));
        String plain = createSession();
        given().get("/sessions/{id}", plain).then().statusCode(200).body("owner", nullValue());
        String id = create(owner);
        given().get("/sessions/{id}", id).then().statusCode(200).body("owner", equalTo(owner));
    }

    @Test
    void anOwnerOutsideOneTo256CharactersIsRefusedWith400() {
        for (String body : List.of(
                "{\"owner\":\"\"}", "{\"owner\":\"" + "x".repeat(257) + "\"}", "{\"owner\":42}", "{\"owner\":[]}")) {
            assertProblem(
                    given().contentType(ContentType.JSON)
                            .body(body)
                            .post("/sessions")
                            .then(),
                    400,
                    "invalid-owner");
        }
        String longest = "o".repeat(255) + "🙂";
        given().contentType(ContentType.JSON)
                .body("{\"owner\":\"" + longest + "\"}")
                .post("/sessions")
                .then()
                .statusCode(201);
        assertProblem(given().queryParam("owner", "").get("/sessions").then(), 400, "invalid-owner");
    }

    @Test
    void listAndEndRefuseARequestWithoutOwner() {
        assertProblem(given().get("/sessions").then(), 400, "invalid-owner");
        assertProblem(given().delete("/sessions").then(), 400, "invalid-owner");
    }

    @Test
    void listShowsTheOwnersLiveSessionsNewestFirst() {
        String owner = newOwner();
        String first = create(owner);
        clock.advance(Duration.ofSeconds(1));
        String second = create(owner);
        create(newOwner());
        createSession();

        ExtractableResponse<Response> list = given().queryParam("owner", owner)
                .get("/sessions")
                .then()
                .statusCode(200)
                .extract();
        assertEquals(List.of(second, first), list.path("id"));
        Object createdAt =
                given().get("/sessions/{id}", second).then().extract().path("createdAt");
        assertEquals(createdAt, list.path("[0].createdAt"));
        assertTrue(list.path("[0].lastAccessedAt") != null && list.path("[0].expiresAt") != null);
        assertEquals(List.of(), listed(newOwner()));
    }

    @Test
    void endingAllOfAnOwnersSessionsEndsEachAndSaysHowMany() {
        String owner = newOwner();
        String a = create(owner);
        String b = create(owner);
        String other = create(newOwner());

        given().queryParam("owner", owner)
                .delete("/sessions")
                .then()
                .statusCode(200)
                .body("ended", equalTo(2));
        assertProblem(given().get("/sessions/{id}", a).then(), 404, "session-not-found");
        assertProblem(given().get("/sessions/{id}", b).then(), 404, "session-not-found");
        given().get("/sessions/{id}", other).then().statusCode(200);
        assertEquals(List.of(), listed(owner));
        given().queryParam("owner", owner)
                .delete("/sessions")
                .then()
                .statusCode(200)
                .body("ended", equalTo(0));
    }

    @Test
    void abandonedAndExpiredSessionsLeaveTheListWithoutASweep() {
        String owner = newOwner();
        String abandoned = create(owner);
        String expiring = createSession("{\"owner\":\"" + owner + "\",\"timeoutSeconds\":60}");
        String kept = createSession("{\"owner\":\"" + owner + "\",\"timeoutSeconds\":600}");
        given().post("/sessions/{id}/abandon", abandoned).then().statusCode(204);
        assertEquals(2, listed(owner).size());

        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(kept), listed(owner));
        assertProblem(given().get("/sessions/{id}", expiring).then(), 404, "session-not-found");
        // Their places are free again: the limit counts only the one live session.
        create(owner);
        create(owner);
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"owner\":\"" + owner + "\"}")
                        .post("/sessions")
                        .then(),
                409,
                "owner-limit-reached");
    }

    @Test
    void aCreateBeyondTheLimitIsRefusedWith409UntilAPlaceIsFree() {
        String owner = newOwner();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < OwnerLimitProfile.LIMIT; i++) {
            ids.add(create(owner));
        }
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"owner\":\"" + owner + "\"}")
                        .post("/sessions")
                        .then(),
                409,
                "owner-limit-reached");
        create(newOwner());
        given().delete("/sessions/{id}", ids.get(0)).then().statusCode(204);
        create(owner);
        assertEquals(OwnerLimitProfile.LIMIT, listed(owner).size());
    }

    @Test
    void manySimultaneousCreatesForOneOwnerLeaveExactlyTheLimit() throws Exception {
        String owner = newOwner();
        List<HttpResponse<String>> answers = all(
                24,
                () -> send(HttpRequest.newBuilder(uri("/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"" + owner + "\"}"))));
        long created = answers.stream().filter(a -> a.statusCode() == 201).count();
        long refused = answers.stream()
                .filter(a -> a.statusCode() == 409 && a.body().contains("owner-limit-reached"))
                .count();
        assertEquals(OwnerLimitProfile.LIMIT, created, answers.toString());
        assertEquals(answers.size() - OwnerLimitProfile.LIMIT, refused, answers.toString());
        assertEquals(OwnerLimitProfile.LIMIT, listed(owner).size());
    }

    @Test
    void rotationGivesTheSessionANewIdAndKeepsEverythingElse() {
        String owner = newOwner();
        String old = createSession("{\"owner\":\"" + owner + "\",\"timeoutSeconds\":300,\"items\":{\"cart\":[1]}}");
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"lcid\":1033}")
                .patch("/sessions/{id}", old)
                .then()
                .statusCode(200);
        ExtractableResponse<Response> before =
                given().get("/sessions/{id}", old).then().extract();

        ExtractableResponse<Response> rotated = given().post("/sessions/{id}/rotate", old)
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("owner", equalTo(owner))
                .body("timeoutSeconds", equalTo(300))
                .body("lcid", equalTo(1033))
                .body("count", equalTo(1))
                .body("createdAt", equalTo(before.path("createdAt")))
                .extract();
        String renewed = rotated.path("id");
        assertTrue(!renewed.equals(old) && renewed.matches("[A-Za-z0-9_-]{22}"));
        assertTrue(rotated.header("Location").endsWith("/sessions/" + renewed));

        given().get("/sessions/{id}/items/cart", renewed).then().statusCode(200).body(equalTo("[1]"));
        assertProblem(given().get("/sessions/{id}", old).then(), 404, "session-not-found");
        assertProblem(Api.putItem(old, "cart", "2"), 404, "session-not-found");
        assertEquals(List.of(renewed), listed(owner));
        // The version history goes on: the next write is version 3.
        Api.putItem(renewed, "cart", "[2]").statusCode(200).header("ETag", "\"3\"");
    }

    static ValidatableResponse rotate(String id, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/sessions/{id}/rotate", id)
                .then();
    }

    @Test
    void rotationWithAnOwnerGivesItToASessionWithoutOneAndListsTheNewId() {
        String owner = newOwner();
        String anonymous = createSession("{\"items\":{\"cart\":[1]}}");

        String renewed = rotate(anonymous, "{\"owner\":\"" + owner + "\"}")
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("owner", equalTo(owner))
                .body("count", equalTo(1))
                .extract()
                .path("id");
        assertEquals(List.of(renewed), listed(owner));
        given().get("/sessions/{id}", renewed).then().statusCode(200).body("owner", equalTo(owner));
        assertProblem(given().get("/sessions/{id}", anonymous).then(), 404, "session-not-found");

        // The same owner again is an ordinary rotation: the version stays, the list follows the id.
        String again = rotate(renewed, "{\"owner\":\"" + owner + "\"}")
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("owner", equalTo(owner))
                .extract()
                .path("id");
        assertEquals(List.of(again), listed(owner));
    }

    @Test
    void rotationWithoutBodyOrWithAnEmptyOneOrANullOwnerKeepsTheOwnerAsItIs() {
        String anonymous = createSession();
        String first = rotate(anonymous, "{}")
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("owner", nullValue())
                .extract()
                .path("id");
        String second = rotate(first, "{\"owner\":null}")
                .statusCode(201)
                .body("owner", nullValue())
                .extract()
                .path("id");
        given().post("/sessions/{id}/rotate", second).then().statusCode(201).body("owner", nullValue());
    }

    @Test
    void rotationToAnotherOwnerIsRefusedWith409AndMovesNothing() {
        String owner = newOwner();
        String id = create(owner);
        String other = newOwner();

        assertProblem(rotate(id, "{\"owner\":\"" + other + "\"}"), 409, "owner-mismatch");
        given().get("/sessions/{id}", id).then().statusCode(200).body("owner", equalTo(owner));
        assertEquals(List.of(id), listed(owner));
        assertEquals(List.of(), listed(other));
    }

    @Test
    void rotationToAnOwnerAtTheLimitIsRefusedWith409AndMovesNothing() {
        String owner = newOwner();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < OwnerLimitProfile.LIMIT; i++) {
            ids.add(create(owner));
        }
        String anonymous = createSession();

        assertProblem(rotate(anonymous, "{\"owner\":\"" + owner + "\"}"), 409, "owner-limit-reached");
        given().get("/sessions/{id}", anonymous).then().statusCode(200).body("owner", nullValue());
        assertEquals(OwnerLimitProfile.LIMIT, listed(owner).size());
        assertTrue(listed(owner).containsAll(ids));

        // A session of the owner rotates still: it takes no new place.
        rotate(ids.get(0), "{\"owner\":\"" + owner + "\"}").statusCode(201);
        assertEquals(OwnerLimitProfile.LIMIT, listed(owner).size());
    }

    @Test
    void rotationWithABadOwnerIsRefusedAsAtCreate() {
        String id = createSession();
        assertProblem(rotate(id, "{\"owner\":\"\"}"), 400, "invalid-owner");
        assertProblem(rotate(id, "{\"owner\":\"" + "x".repeat(257) + "\"}"), 400, "invalid-owner");
        assertProblem(rotate(id, "{\"owner\":42}"), 400, "invalid-owner");
        assertProblem(rotate(id, "{\"owners\":\"x\"}"), 422, "invalid-field");
        assertProblem(rotate(id, "[1]"), 400, "malformed-json");
        assertProblem(
                given().contentType(ContentType.TEXT)
                        .body("x")
                        .post("/sessions/{id}/rotate", id)
                        .then(),
                415,
                "unsupported-media-type");
        given().get("/sessions/{id}", id).then().statusCode(200).body("owner", nullValue());
    }

    @Test
    void rotatingAnUnknownOrEndedSessionIs404() {
        assertProblem(
                given().post("/sessions/{id}/rotate", "AAAAAAAAAAAAAAAAAAAAAA").then(), 404, "session-not-found");
        String id = createSession();
        given().post("/sessions/{id}/rotate", id).then().statusCode(201);
        assertProblem(given().post("/sessions/{id}/rotate", id).then(), 404, "session-not-found");
        String ended = createSession();
        given().delete("/sessions/{id}", ended).then().statusCode(204);
        assertProblem(given().post("/sessions/{id}/rotate", ended).then(), 404, "session-not-found");
    }

    @Test
    void aLeasedSessionRotatesOnlyWithItsLeaseWhichItKeeps() {
        String owner = newOwner();
        String id = create(owner);
        int lockId = given().post("/sessions/{id}/lock", id)
                .then()
                .statusCode(200)
                .extract()
                .path("lockId");
        assertProblem(given().post("/sessions/{id}/rotate", id).then(), 423, "session-locked");
        assertEquals(List.of(id), listed(owner));

        String renewed = given().header("Session-Lock", lockId)
                .post("/sessions/{id}/rotate", id)
                .then()
                .statusCode(201)
                .body("lock.lockId", equalTo(lockId))
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body("1")
                .put("/sessions/{id}/items/k", renewed)
                .then()
                .statusCode(423);
        given().header("Session-Lock", lockId)
                .contentType("application/json")
                .body("1")
                .put("/sessions/{id}/items/k", renewed)
                .then()
                .statusCode(201);
    }

    @Test
    void rotationRacingWritesToTheOldIdLosesNoneOfThem() throws Exception {
        for (int round = 0; round < 5; round++) {
            String old = createSession("{\"items\":{\"n\":0}}");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(9);
            try {
                List<Future<HttpResponse<String>>> increments = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    increments.add(threads.submit(() -> {
                        start.await();
                        return send(HttpRequest.newBuilder(uri("/sessions/" + old + "/items/n/increment"))
                                .POST(HttpRequest.BodyPublishers.noBody()));
                    }));
                }
                Future<HttpResponse<String>> rotation = threads.submit(() -> {
                    start.await();
                    return send(HttpRequest.newBuilder(uri("/sessions/" + old + "/rotate"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
                });
                start.countDown();
                int landed = 0;
                for (Future<HttpResponse<String>> increment : increments) {
                    int status = increment.get().statusCode();
                    assertTrue(status == 200 || status == 404, "increment answered " + status);
                    landed += status == 200 ? 1 : 0;
                }
                HttpResponse<String> rotated = rotation.get();
                assertEquals(201, rotated.statusCode(), rotated.body());
                String renewed =
                        io.restassured.path.json.JsonPath.from(rotated.body()).getString("id");
                given().get("/sessions/{id}/items/n", renewed)
                        .then()
                        .statusCode(200)
                        .body(equalTo(String.valueOf(landed)));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs {@code count} copies of {@code call} at once and returns their answers. */
    static <T> List<T> all(int count, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
