package dev.sessionstate.api;

import static dev.sessionstate.api.Api.assertProblem;
import static dev.sessionstate.api.Api.createSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exclusive leases over HTTP, on the memory store here and on Infinispan in
 * {@link LeaseResourceInfinispanTest}; lease expiry follows the {@link TestClock}.
 */
@QuarkusTest
class LeaseResourceTest {

    private static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    TestClock clock;

    @Test
    void acquireWhenFreeThen200WithTheLeaseAndTheSessionReportsIt() {
        String id = createSession("{\"items\":{\"cart\":[1]}}");
        Instant now = clock.instant();

        Response taken = given().contentType(ContentType.JSON)
                .body("{\"leaseSeconds\":10}")
                .post("/sessions/{id}/lock?include=items", id);

        taken.then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("lockId", equalTo(1))
                .body("items.cart", equalTo(List.of(1)));
        assertEquals(LockView.millis(now), Instant.parse(taken.path("acquiredAt")));
        assertEquals(LockView.millis(now.plusSeconds(10)), Instant.parse(taken.path("expiresAt")));
        given().get("/sessions/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("lock.lockId", equalTo(1))
                .body("lock.expiresAt", equalTo(taken.path("expiresAt")));
        given().post("/sessions/{id}/lock/1/renew", id).then().statusCode(200).body("$", not(hasKey("items")));
    }

    @Test
    void acquireWhenHeldThen423WithLockIdLockAgeAndRetryAfter() {
        String id = createSession();
        acquire(id, "{\"leaseSeconds\":20}");
        clock.advance(Duration.ofMillis(4_500));

        assertProblem(given().post("/sessions/{id}/lock", id).then(), 423, "session-locked")
                .header("Retry-After", "16")
                .body("lockId", equalTo(1))
                .body("lockAge", equalTo(4));
    }

    @Test
    void acquireWhenLengthIsOutOfBoundsOrUnknownThenRefused() {
        String id = createSession();
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"leaseSeconds\":121}")
                        .post("/sessions/{id}/lock", id)
                        .then(),
                422,
                "invalid-field");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"leaseSeconds\":0}")
                        .post("/sessions/{id}/lock", id)
                        .then(),
                422,
                "invalid-field");
        assertProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"seconds\":5}")
                        .post("/sessions/{id}/lock", id)
                        .then(),
                422,
                "invalid-field");
        assertProblem(given().post("/sessions/{id}/lock?include=keys", id).then(), 400, "invalid-parameter");
        assertProblem(
                given().post("/sessions/{id}/lock", "AAAAAAAAAAAAAAAAAAAAAA").then(), 404, "session-not-found");
        given().get("/sessions/{id}", id).then().body("lock", nullValue());
    }

    @Test
    void concurrentAcquirersExactlyOneWins() throws Exception {
        String id = createSession();
        int acquirers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(acquirers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < acquirers; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return given().post("/sessions/{id}/lock", id).statusCode();
            }));
        }
        start.countDown();
        List<Integer> answered = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answered.add(status.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(1, answered.stream().filter(s -> s == 200).count(), answered.toString());
        assertEquals(acquirers - 1, answered.stream().filter(s -> s == 423).count(), answered.toString());
        given().get("/sessions/{id}", id).then().body("lock.lockId", equalTo(1));
    }

    @Test
    void writeWhenLeasedWithoutTheLockIdThen423OnEveryWriteAndNothingChanges() {
        String id = createSession("{\"items\":{\"k\":1,\"n\":1}}");
        acquire(id, null);

        for (Response write : List.of(
                putFast(id, "k", "2", null),
                putRest(id, "k", "2", null),
                given().contentType(ContentType.JSON).body("{\"k\":2}").patch("/sessions/{id}/items", id),
                given().delete("/sessions/{id}/items/k", id),
                given().delete("/sessions/{id}/items", id),
                given().post("/sessions/{id}/items/n/increment", id),
                given().contentType(ContentType.JSON).body("2").put("/sessions/{id}/index/0", id),
                given().delete("/sessions/{id}/index/0", id),
                given().contentType(ContentType.JSON).body("{\"lcid\":1033}").patch("/sessions/{id}", id),
                given().post("/sessions/{id}/abandon", id),
                given().delete("/sessions/{id}", id))) {
            assertProblem(write.then(), 423, "session-locked").body("lockId", equalTo(1));
        }
        assertTrue(answeredByRoute(putFast(id, "k", "2", null)), "the plain route refuses too");
        given().get("/sessions/{id}/items", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body(equalTo("{\"k\":1,\"n\":1}"));
    }

    @Test
    void readsAndTouchesDuringALeaseNeverWait() {
        String id = createSession("{\"items\":{\"k\":1}}");
        acquire(id, null);

        given().get("/sessions/{id}/items/k", id).then().statusCode(200).body(equalTo("1"));
        given().get("/sessions/{id}/items", id).then().statusCode(200);
        given().get("/sessions/{id}/index/0", id).then().statusCode(200);
        given().get("/sessions/{id}/keys", id).then().statusCode(200);
        given().head("/sessions/{id}", id).then().statusCode(200);
        given().post("/sessions/{id}/touch", id).then().statusCode(204);
    }

    @Test
    void writeWithTheLockIdOnBothDoorsThenStoredAndTheLeaseStays() {
        String id = createSession();
        long lockId = acquire(id, null);

        Response fast = putFast(id, "a", "1", lockId);
        fast.then().statusCode(201);
        assertTrue(answeredByRoute(fast));
        Response rest = putRest(id, "b", "2", lockId);
        rest.then().statusCode(201);
        assertFalse(answeredByRoute(rest));
        given().header("Session-Lock", lockId)
                .post("/sessions/{id}/items/a/increment", id)
                .then()
                .statusCode(200);

        given().get("/sessions/{id}/items", id).then().body(equalTo("{\"a\":2,\"b\":2}"));
        given().get("/sessions/{id}", id).then().body("lock.lockId", equalTo((int) lockId));
    }

    @Test
    void writeAndReleaseThenStoredAndFreeInOneStep() {
        String id = createSession();
        long lockId = acquire(id, null);

        given().config(EXACT)
                .contentType("application/json")
                .header("Session-Lock", lockId)
                .header("Session-Lock-Release", "true")
                .body("7")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(201);

        given().get("/sessions/{id}", id).then().body("lock", nullValue()).body("count", equalTo(1));
        putFast(id, "k", "8", null).then().statusCode(200);
        assertProblem(putFast(id, "k", "9", lockId).then(), 423, "session-locked")
                .header("Retry-After", nullValue());
    }

    @Test
    void leaseExpiresByTheClockAndTheStaleHolderCannotWriteAfterATakeover() {
        String id = createSession("{\"items\":{\"k\":1}}");
        long first = acquire(id, "{\"leaseSeconds\":5}");
        clock.advance(Duration.ofSeconds(5));

        long second = acquire(id, null);
        assertTrue(second > first);

        assertProblem(putFast(id, "k", "2", first).then(), 423, "session-locked")
                .body("lockId", equalTo((int) second));
        assertProblem(putRest(id, "k", "2", first).then(), 423, "session-locked");
        assertProblem(given().delete("/sessions/{id}/lock/{lockId}", id, first).then(), 423, "session-locked");
        assertProblem(
                given().post("/sessions/{id}/lock/{lockId}/renew", id, first).then(), 423, "session-locked");
        given().get("/sessions/{id}/items/k", id).then().body(equalTo("1"));
        given().get("/sessions/{id}", id).then().body("lock.lockId", equalTo((int) second));
    }

    @Test
    void renewExtendsTheLeaseFromNow() {
        String id = createSession();
        long lockId = acquire(id, "{\"leaseSeconds\":5}");
        clock.advance(Duration.ofSeconds(4));
        Instant now = clock.instant();

        String expiresAt = given().contentType(ContentType.JSON)
                .body("{\"leaseSeconds\":30}")
                .post("/sessions/{id}/lock/{lockId}/renew", id, lockId)
                .then()
                .statusCode(200)
                .body("lockId", equalTo((int) lockId))
                .extract()
                .path("expiresAt");

        assertEquals(LockView.millis(now.plusSeconds(30)), Instant.parse(expiresAt));
        clock.advance(Duration.ofSeconds(10));
        putFast(id, "k", "1", lockId).then().statusCode(201);
    }

    @Test
    void releaseThenWritesNeedNoLockAndASecondReleaseIs423() {
        String id = createSession();
        long lockId = acquire(id, null);

        given().delete("/sessions/{id}/lock/{lockId}", id, lockId).then().statusCode(204);

        putFast(id, "k", "1", null).then().statusCode(201);
        assertProblem(given().delete("/sessions/{id}/lock/{lockId}", id, lockId).then(), 423, "session-locked");
        assertProblem(given().delete("/sessions/{id}/lock/x", id).then(), 400, "invalid-parameter");
        assertEquals(lockId + 1, acquire(id, null), "the next lease gets a greater id");
    }

    @Test
    void forcedReleaseFreesTheSessionWhoeverHoldsIt() {
        String id = createSession();
        acquire(id, null);

        given().delete("/sessions/{id}/lock", id).then().statusCode(204);
        given().delete("/sessions/{id}/lock", id).then().statusCode(204);

        given().post("/sessions/{id}/abandon", id).then().statusCode(204);
    }

    @Test
    void abandonUnderALeaseNeedsTheLease() {
        String id = createSession();
        long lockId = acquire(id, null);

        given().header("Session-Lock", lockId)
                .delete("/sessions/{id}", id)
                .then()
                .statusCode(204);
        given().get("/sessions/{id}", id).then().statusCode(404);
    }

    @Test
    void malformedLeaseHeadersAre400() {
        String id = createSession();
        assertProblem(
                given().config(EXACT)
                        .contentType("application/json")
                        .header("Session-Lock", "abc")
                        .body("1")
                        .put("/sessions/{id}/items/k", id)
                        .then(),
                400,
                "invalid-header");
        assertProblem(
                given().config(EXACT)
                        .contentType("application/json")
                        .header("Session-Lock-Release", "true")
                        .body("1")
                        .put("/sessions/{id}/items/k", id)
                        .then(),
                400,
                "invalid-header");
    }

    /** Takes the lease with {@code body} (none: the default length) and returns its id. */
    private static long acquire(String id, String body) {
        var request = given();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/sessions/{id}/lock", id)
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("lockId")
                .longValue();
    }

    /** A PUT that the plain route answers. */
    private static Response putFast(String id, String key, String json, Long lockId) {
        var request = given().config(EXACT).contentType("application/json").accept("application/json, text/plain, */*");
        if (lockId != null) {
            request = request.header("Session-Lock", lockId);
        }
        return request.body(json).put("/sessions/{id}/items/{key}", id, key);
    }

    /** A PUT that the REST resource answers (a media range with a parameter in Accept). */
    private static Response putRest(String id, String key, String json, Long lockId) {
        var request = given().config(EXACT).contentType("application/json").accept("application/json;charset=utf-8");
        if (lockId != null) {
            request = request.header("Session-Lock", lockId);
        }
        return request.body(json).put("/sessions/{id}/items/{key}", id, key);
    }

    private static boolean answeredByRoute(Response response) {
        return ItemRoutesTest.answeredByRoute(response);
    }
}
