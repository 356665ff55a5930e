package dev.sessionstate.api;

import static io.restassured.RestAssured.given;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How OpenApiConformanceTest drives each operation of the OpenAPI document: its success path and
 * its main error paths, one line each. This is the one place to extend when an operation is added;
 * the test fails while an operation of the document is missing here.
 */
final class OperationExchanges {

    private static final String SESSION = "/sessions/{id}";
    private static final String ITEMS = "/sessions/{id}/items";
    private static final String ITEM = "/sessions/{id}/items/{key}";
    private static final String INCREMENT = "/sessions/{id}/items/{key}/increment";
    private static final String INDEX = "/sessions/{id}/index/{index}";
    private static final String LOCK = "/sessions/{id}/lock";
    private static final String ROTATE = "/sessions/{id}/rotate";
    /** A well-formed id that names no session. */
    static final String NO_SESSION = "AAAAAAAAAAAAAAAAAAAAAA";
    /** An entity tag that no session has yet. */
    private static final String STALE = "\"999999\"";

    private static final String BAD_KEY = "k".repeat(300);
    private static final String MERGE_PATCH = "application/merge-patch+json";
    /** A JSON value nested deeper than sessions.limits.max-depth (32). */
    private static final String TOO_DEEP = "[".repeat(40) + "]".repeat(40);
    /** A JSON value over sessions.limits.max-value-size (64K). */
    private static final String BIG_VALUE = "\"" + "x".repeat(70_000) + "\"";
    /** A body over sessions.limits.max-request-size (2M), refused before it is read. */
    private static final String HUGE_BODY = "{\"k\":\"" + "x".repeat(2_100_000) + "\"}";
    /** A JSON value over sessions.limits.max-request-size (2M). */
    private static final String HUGE_VALUE = "\"" + "x".repeat(2_100_000) + "\"";

    private static final String SOME_ITEMS = "{\"a\":{\"x\":1},\"text\":\"hello\",\"n\":41}";

    /** One request and the status it must be answered with. */
    record Exchange(
            String operationId,
            int status,
            String what,
            boolean validRequest,
            Function<RequestSpecification, Response> call) {

        String name() {
            return (operationId + " " + status + " " + what).strip();
        }
    }

    private OperationExchanges() {}

    /** With the store up: every operation's success and its main refusals. */
    static List<Exchange> storeUp() {
        return List.of(
                eventsOff(),
                ok("createSession", 201, "without a body", api -> api.post("/sessions")),
                ok(
                        "createSession",
                        201,
                        "with settings and items",
                        api -> json(api)
                                .body("{\"timeoutSeconds\":600,\"items\":" + SOME_ITEMS + "}")
                                .post("/sessions")),
                bad(
                        "createSession",
                        400,
                        "malformed JSON",
                        api -> json(api).body("{").post("/sessions")),
                bad(
                        "createSession",
                        415,
                        "a charset other than UTF-8",
                        api -> api.contentType("application/json; charset=iso-8859-1")
                                .body("{}")
                                .post("/sessions")),
                bad(
                        "createSession",
                        413,
                        "a body over the request size limit",
                        api -> json(api).body(HUGE_BODY).post("/sessions")),
                bad(
                        "createSession",
                        415,
                        "a body that is not JSON",
                        api -> api.contentType(ContentType.TEXT).body("x").post("/sessions")),
                bad(
                        "createSession",
                        422,
                        "a timeout out of range",
                        api -> json(api).body("{\"timeoutSeconds\":0}").post("/sessions")),
                bad(
                        "createSession",
                        406,
                        "accepting only text",
                        api -> api.accept(ContentType.TEXT).post("/sessions")),
                ok(
                        "createSession",
                        201,
                        "with an owner",
                        api -> json(api).body("{\"owner\":\"exchanges-owner\"}").post("/sessions")),
                bad(
                        "createSession",
                        400,
                        "an empty owner",
                        api -> json(api).body("{\"owner\":\"\"}").post("/sessions")),
                ok(
                        "listOwnerSessions",
                        200,
                        "",
                        api -> api.queryParam("owner", owned()).get("/sessions")),
                ok(
                        "listOwnerSessions",
                        200,
                        "an owner without sessions",
                        api -> api.queryParam("owner", "nobody-at-all").get("/sessions")),
                bad("listOwnerSessions", 400, "without owner", api -> api.get("/sessions")),
                ok(
                        "endOwnerSessions",
                        200,
                        "",
                        api -> api.queryParam("owner", owned()).delete("/sessions")),
                bad("endOwnerSessions", 400, "without owner", api -> api.delete("/sessions")),
                ok("rotateSession", 201, "", api -> api.post(ROTATE, session())),
                ok("rotateSession", 404, "unknown session", api -> api.post(ROTATE, NO_SESSION)),
                ok(
                        "rotateSession",
                        201,
                        "giving it an owner",
                        api -> json(api)
                                .body("{\"owner\":\"exchanges-rotator\"}")
                                .post(ROTATE, session())),
                ok(
                        "rotateSession",
                        409,
                        "to another owner",
                        api -> json(api)
                                .body("{\"owner\":\"exchanges-other\"}")
                                .post(ROTATE, create("{\"owner\":\"exchanges-owner\"}"))),
                bad(
                        "rotateSession",
                        400,
                        "an empty owner",
                        api -> json(api).body("{\"owner\":\"\"}").post(ROTATE, session())),
                bad(
                        "rotateSession",
                        415,
                        "a body that is not JSON",
                        api -> api.contentType(ContentType.TEXT).body("x").post(ROTATE, session())),
                bad(
                        "rotateSession",
                        422,
                        "an unknown member",
                        api -> json(api).body("{\"owners\":\"x\"}").post(ROTATE, session())),
                ok("rotateSession", 423, "leased session", api -> api.post(ROTATE, leased()[0])),
                ok(
                        "rotateSession",
                        412,
                        "If-Match names another version",
                        api -> api.header("If-Match", STALE).post(ROTATE, session())),
                ok("getSession", 200, "", api -> api.get(SESSION, session())),
                ok("getSession", 404, "unknown session", api -> api.get(SESSION, NO_SESSION)),
                bad(
                        "getSession",
                        406,
                        "accepting only text",
                        api -> api.accept(ContentType.TEXT).get(SESSION, session())),
                ok("sessionExists", 200, "", api -> api.head(SESSION, session())),
                ok("sessionExists", 404, "unknown session", api -> api.head(SESSION, NO_SESSION)),
                bad(
                        "sessionExists",
                        406,
                        "accepting only text",
                        api -> api.accept(ContentType.TEXT).head(SESSION, session())),
                ok(
                        "updateSession",
                        200,
                        "",
                        api -> mergePatch(api)
                                .body("{\"lcid\":1033,\"codePage\":null}")
                                .patch(SESSION, session())),
                bad(
                        "updateSession",
                        400,
                        "malformed JSON",
                        api -> mergePatch(api).body("{").patch(SESSION, session())),
                ok(
                        "updateSession",
                        404,
                        "unknown session",
                        api -> mergePatch(api).body("{}").patch(SESSION, NO_SESSION)),
                ok(
                        "updateSession",
                        412,
                        "If-Match names another version",
                        api -> mergePatch(api)
                                .header("If-Match", STALE)
                                .body("{}")
                                .patch(SESSION, session())),
                bad(
                        "updateSession",
                        413,
                        "a body over the request size limit",
                        api -> mergePatch(api).body(HUGE_BODY).patch(SESSION, session())),
                bad(
                        "updateSession",
                        415,
                        "a body that is not JSON",
                        api -> api.contentType(ContentType.TEXT).body("x").patch(SESSION, session())),
                bad(
                        "updateSession",
                        422,
                        "a negative timeout",
                        api -> mergePatch(api).body("{\"timeoutSeconds\":-5}").patch(SESSION, session())),
                ok("deleteSession", 204, "", api -> api.delete(SESSION, session())),
                ok("deleteSession", 404, "unknown session", api -> api.delete(SESSION, NO_SESSION)),
                ok("abandonSession", 204, "", api -> api.post("/sessions/{id}/abandon", session())),
                ok("abandonSession", 404, "unknown session", api -> api.post("/sessions/{id}/abandon", NO_SESSION)),
                ok("touchSession", 204, "", api -> api.post("/sessions/{id}/touch", session())),
                ok("touchSession", 404, "unknown session", api -> api.post("/sessions/{id}/touch", NO_SESSION)),
                bad(
                        "touchSession",
                        400,
                        "a body, which it does not take",
                        api -> json(api).body("{}").post("/sessions/{id}/touch", session())),
                bad(
                        "getSession",
                        400,
                        "a path that is not UTF-8",
                        api -> api.urlEncodingEnabled(false).get("/sessions/%C3%28")),
                bad(
                        "getSession",
                        400,
                        "an unknown query parameter",
                        api -> api.get(SESSION + "?verbose=true", session())),
                ok("listKeys", 200, "", api -> api.get("/sessions/{id}/keys", session())),
                ok("listKeys", 404, "unknown session", api -> api.get("/sessions/{id}/keys", NO_SESSION)),
                ok("countItems", 200, "", api -> api.get("/sessions/{id}/count", session())),
                ok("countItems", 404, "unknown session", api -> api.get("/sessions/{id}/count", NO_SESSION)),
                ok("getItems", 200, "", api -> api.get(ITEMS, session())),
                ok("getItems", 404, "unknown session", api -> api.get(ITEMS, NO_SESSION)),
                ok(
                        "patchItems",
                        204,
                        "",
                        api -> mergePatch(api).body("{\"b\":[1,2],\"a\":null}").patch(ITEMS, session())),
                bad(
                        "patchItems",
                        400,
                        "malformed JSON",
                        api -> mergePatch(api).body("{").patch(ITEMS, session())),
                ok(
                        "patchItems",
                        404,
                        "unknown session",
                        api -> mergePatch(api).body("{\"b\":1}").patch(ITEMS, NO_SESSION)),
                ok(
                        "patchItems",
                        409,
                        "read-only session",
                        api -> mergePatch(api).body("{\"b\":1}").patch(ITEMS, readOnlySession())),
                ok(
                        "patchItems",
                        412,
                        "If-Match names another version",
                        api -> mergePatch(api)
                                .header("If-Match", STALE)
                                .body("{\"b\":1}")
                                .patch(ITEMS, session())),
                bad(
                        "patchItems",
                        413,
                        "a body over the request size limit",
                        api -> mergePatch(api).body(HUGE_BODY).patch(ITEMS, session())),
                bad(
                        "patchItems",
                        415,
                        "a body that is not JSON",
                        api -> api.contentType(ContentType.TEXT).body("x").patch(ITEMS, session())),
                bad(
                        "patchItems",
                        422,
                        "JSON nested too deeply",
                        api -> mergePatch(api).body("{\"b\":" + TOO_DEEP + "}").patch(ITEMS, session())),
                ok("clearItems", 204, "", api -> api.delete(ITEMS, session())),
                bad(
                        "clearItems",
                        400,
                        "a malformed If-Match",
                        api -> api.header("If-Match", "nope").delete(ITEMS, session())),
                ok("clearItems", 404, "unknown session", api -> api.delete(ITEMS, NO_SESSION)),
                ok("clearItems", 409, "read-only session", api -> api.delete(ITEMS, readOnlySession())),
                ok(
                        "clearItems",
                        412,
                        "If-Match names another version",
                        api -> api.header("If-Match", STALE).delete(ITEMS, session())),
                ok("getItem", 200, "on the Vert.x route", api -> api.get(ITEM, session(), "a")),
                ok(
                        "getItem",
                        200,
                        "typed, through REST",
                        api -> api.queryParam("type", "string").get(ITEM, session(), "text")),
                bad(
                        "getItem",
                        400,
                        "an unknown type",
                        api -> api.queryParam("type", "float").get(ITEM, session(), "a")),
                bad("getItem", 400, "a key too long", api -> api.get(ITEM, session(), BAD_KEY)),
                ok("getItem", 404, "unknown session", api -> api.get(ITEM, NO_SESSION, "a")),
                ok("getItem", 404, "unknown item", api -> api.get(ITEM, session(), "zz")),
                ok(
                        "getItem",
                        422,
                        "a value of another type",
                        api -> api.queryParam("type", "int32").get(ITEM, session(), "text")),
                bad(
                        "getItem",
                        406,
                        "accepting only text",
                        api -> api.accept(ContentType.TEXT).get(ITEM, session(), "a")),
                ok("itemExists", 200, "", api -> api.head(ITEM, session(), "a")),
                bad("itemExists", 400, "a key too long", api -> api.head(ITEM, session(), BAD_KEY)),
                ok("itemExists", 404, "unknown item", api -> api.head(ITEM, session(), "zz")),
                ok(
                        "putItem",
                        201,
                        "a new key on the Vert.x route",
                        api -> exactJson(api).body("[1,2]").put(ITEM, session(), "b")),
                ok(
                        "putItem",
                        200,
                        "a replaced key on the Vert.x route",
                        api -> exactJson(api).body("2").put(ITEM, session(), "a")),
                ok(
                        "putItem",
                        201,
                        "a new key through REST",
                        api -> json(api).body("true").put(ITEM, session(), "b")),
                ok(
                        "putItem",
                        200,
                        "typed, through REST",
                        api -> json(api).queryParam("type", "int32").body("7").put(ITEM, session(), "n")),
                bad(
                        "putItem",
                        400,
                        "malformed JSON",
                        api -> exactJson(api).body("{").put(ITEM, session(), "b")),
                ok(
                        "putItem",
                        404,
                        "unknown session",
                        api -> exactJson(api).body("1").put(ITEM, NO_SESSION, "b")),
                ok(
                        "putItem",
                        409,
                        "read-only session",
                        api -> exactJson(api).body("1").put(ITEM, readOnlySession(), "b")),
                ok(
                        "putItem",
                        412,
                        "If-Match names another version",
                        api -> exactJson(api)
                                .header("If-Match", STALE)
                                .body("1")
                                .put(ITEM, session(), "a")),
                ok(
                        "putItem",
                        412,
                        "If-None-Match: * on an existing item",
                        api -> exactJson(api)
                                .header("If-None-Match", "*")
                                .body("1")
                                .put(ITEM, session(), "a")),
                ok(
                        "putItem",
                        413,
                        "a value over the size limit",
                        api -> exactJson(api).body(BIG_VALUE).put(ITEM, session(), "b")),
                bad(
                        "putItem",
                        413,
                        "a chunked body over the request size limit",
                        api -> readWhole(
                                chunked(api, "application/json", HUGE_VALUE).put(ITEM, session(), "b"))),
                bad(
                        "patchItems",
                        413,
                        "a chunked body over the request size limit",
                        api -> readWhole(chunked(api, MERGE_PATCH, HUGE_BODY).patch(ITEMS, session()))),
                bad(
                        "putItem",
                        415,
                        "a body that is not JSON",
                        api -> api.contentType(ContentType.TEXT).body("x").put(ITEM, session(), "b")),
                ok(
                        "putItem",
                        422,
                        "a value of another type",
                        api -> json(api)
                                .queryParam("type", "int32")
                                .body("\"x\"")
                                .put(ITEM, session(), "b")),
                bad(
                        "putItem",
                        406,
                        "accepting only text",
                        api -> exactJson(api).accept(ContentType.TEXT).body("1").put(ITEM, session(), "b")),
                ok("removeItem", 204, "", api -> api.delete(ITEM, session(), "a")),
                bad("removeItem", 400, "a key too long", api -> api.delete(ITEM, session(), BAD_KEY)),
                ok("removeItem", 404, "unknown session", api -> api.delete(ITEM, NO_SESSION, "a")),
                ok("removeItem", 409, "read-only session", api -> api.delete(ITEM, readOnlySession(), "a")),
                ok(
                        "removeItem",
                        412,
                        "If-Match names another version",
                        api -> api.header("If-Match", STALE).delete(ITEM, session(), "a")),
                ok("acquireLease", 200, "", api -> api.post(LOCK, session())),
                ok(
                        "acquireLease",
                        200,
                        "with items and a lease time",
                        api -> json(api)
                                .queryParam("include", "items")
                                .body("{\"leaseSeconds\":10}")
                                .post(LOCK, session())),
                ok("acquireLease", 404, "unknown session", api -> api.post(LOCK, NO_SESSION)),
                ok(
                        "acquireLease",
                        422,
                        "a lease time out of bounds",
                        api -> json(api).body("{\"leaseSeconds\":100000}").post(LOCK, session())),
                ok("acquireLease", 423, "held by another caller", api -> api.post(LOCK, leased()[0])),
                ok(
                        "putItem",
                        423,
                        "a leased session, without the lease",
                        api -> exactJson(api).body("1").put(ITEM, leased()[0], "k")),
                ok("renewLease", 200, "", api -> {
                    String[] lease = leased();
                    return api.post(LOCK + "/{lockId}/renew", lease[0], lease[1]);
                }),
                ok("renewLease", 404, "unknown session", api -> api.post(LOCK + "/{lockId}/renew", NO_SESSION, "1")),
                ok(
                        "renewLease",
                        423,
                        "a stale lease id",
                        api -> api.post(LOCK + "/{lockId}/renew", leased()[0], "999")),
                ok("releaseLease", 204, "", api -> {
                    String[] lease = leased();
                    return api.delete(LOCK + "/{lockId}", lease[0], lease[1]);
                }),
                ok("releaseLease", 404, "unknown session", api -> api.delete(LOCK + "/{lockId}", NO_SESSION, "1")),
                ok("releaseLease", 423, "a stale lease id", api -> api.delete(LOCK + "/{lockId}", leased()[0], "999")),
                ok("forceReleaseLease", 204, "", api -> api.delete(LOCK, leased()[0])),
                ok("forceReleaseLease", 404, "unknown session", api -> api.delete(LOCK, NO_SESSION)),
                ok("incrementItem", 200, "", api -> api.queryParam("delta", 5).post(INCREMENT, session(), "n")),
                bad(
                        "incrementItem",
                        400,
                        "a delta that is not an integer",
                        api -> api.queryParam("delta", "x").post(INCREMENT, session(), "n")),
                ok("incrementItem", 404, "unknown session", api -> api.post(INCREMENT, NO_SESSION, "n")),
                ok("incrementItem", 409, "read-only session", api -> api.post(INCREMENT, readOnlySession(), "n")),
                ok(
                        "incrementItem",
                        412,
                        "If-Match names another version",
                        api -> api.header("If-Match", STALE).post(INCREMENT, session(), "n")),
                ok(
                        "incrementItem",
                        422,
                        "an item that is not an integer",
                        api -> api.post(INCREMENT, session(), "text")),
                ok("getItemAt", 200, "", api -> api.get(INDEX, session(), "1")),
                bad("getItemAt", 400, "an index that is not an integer", api -> api.get(INDEX, session(), "x")),
                ok("getItemAt", 404, "an index out of range", api -> api.get(INDEX, session(), "9")),
                ok("setItemAt", 204, "", api -> json(api).body("{\"y\":2}").put(INDEX, session(), "0")),
                bad(
                        "setItemAt",
                        400,
                        "malformed JSON",
                        api -> json(api).body("{").put(INDEX, session(), "0")),
                ok(
                        "setItemAt",
                        404,
                        "an index out of range",
                        api -> json(api).body("1").put(INDEX, session(), "9")),
                ok(
                        "setItemAt",
                        409,
                        "read-only session",
                        api -> json(api).body("1").put(INDEX, readOnlySession(), "0")),
                ok(
                        "setItemAt",
                        412,
                        "If-Match names another version",
                        api -> json(api).header("If-Match", STALE).body("1").put(INDEX, session(), "0")),
                ok(
                        "setItemAt",
                        413,
                        "a value over the size limit",
                        api -> json(api).body(BIG_VALUE).put(INDEX, session(), "0")),
                bad(
                        "setItemAt",
                        415,
                        "a body that is not JSON",
                        api -> api.contentType(ContentType.TEXT).body("x").put(INDEX, session(), "0")),
                bad(
                        "setItemAt",
                        422,
                        "JSON nested too deeply",
                        api -> json(api).body(TOO_DEEP).put(INDEX, session(), "0")),
                ok("removeItemAt", 204, "", api -> api.delete(INDEX, session(), "0")),
                bad("removeItemAt", 400, "an index that is not an integer", api -> api.delete(INDEX, session(), "x")),
                ok("removeItemAt", 404, "an index out of range", api -> api.delete(INDEX, session(), "9")),
                ok("removeItemAt", 409, "read-only session", api -> api.delete(INDEX, readOnlySession(), "0")),
                ok(
                        "removeItemAt",
                        412,
                        "If-Match names another version",
                        api -> api.header("If-Match", STALE).delete(INDEX, session(), "0")));
    }

    /**
     * The event stream with events off (the conformance tests' configuration): a problem. Its 200, a
     * stream that does not end, is checked in EventStreamTest (status and headers against the document).
     */
    private static Exchange eventsOff() {
        return ok(
                "streamEvents",
                404,
                "events off",
                api -> api.accept("text/event-stream").get("/events"));
    }

    /** With the store down: every operation that reaches the store answers 503 (the owner operations need not). */
    static List<Exchange> storeDown() {
        String id = NO_SESSION;
        return List.of(
                down("createSession", api -> api.post("/sessions")),
                down("getSession", api -> api.get(SESSION, id)),
                down("sessionExists", api -> api.head(SESSION, id)),
                down(
                        "updateSession",
                        api -> mergePatch(api).body("{\"lcid\":1}").patch(SESSION, id)),
                down("deleteSession", api -> api.delete(SESSION, id)),
                down("abandonSession", api -> api.post("/sessions/{id}/abandon", id)),
                down("touchSession", api -> api.post("/sessions/{id}/touch", id)),
                down("listKeys", api -> api.get("/sessions/{id}/keys", id)),
                down("countItems", api -> api.get("/sessions/{id}/count", id)),
                down("getItems", api -> api.get(ITEMS, id)),
                down("patchItems", api -> mergePatch(api).body("{\"b\":1}").patch(ITEMS, id)),
                down("clearItems", api -> api.delete(ITEMS, id)),
                down("getItem", api -> api.get(ITEM, id, "a")),
                down("itemExists", api -> api.head(ITEM, id, "a")),
                down("putItem", api -> exactJson(api).body("1").put(ITEM, id, "a")),
                down("removeItem", api -> api.delete(ITEM, id, "a")),
                down("incrementItem", api -> api.post(INCREMENT, id, "n")),
                down("getItemAt", api -> api.get(INDEX, id, "0")),
                down("setItemAt", api -> json(api).body("1").put(INDEX, id, "0")),
                down("removeItemAt", api -> api.delete(INDEX, id, "0")),
                down("acquireLease", api -> api.post(LOCK, id)),
                down("renewLease", api -> api.post(LOCK + "/{lockId}/renew", id, "1")),
                down("releaseLease", api -> api.delete(LOCK + "/{lockId}", id, "1")),
                down("forceReleaseLease", api -> api.delete(LOCK, id)),
                down("rotateSession", api -> api.post(ROTATE, id)),
                // An owner without sessions has nothing to look up in the store.
                ok(
                        "listOwnerSessions",
                        200,
                        "an owner without sessions",
                        api -> api.queryParam("owner", "nobody").get("/sessions")),
                ok(
                        "endOwnerSessions",
                        200,
                        "an owner without sessions",
                        api -> api.queryParam("owner", "nobody").delete("/sessions")),
                eventsOff());
    }

    /** With no room for another session (sessions.memory.max-sessions=0). */
    static List<Exchange> noCapacity() {
        return List.of(
                ok("createSession", 507, "no room for another session", api -> api.post("/sessions")),
                ok(
                        "createSession",
                        507,
                        "no room, with settings and items",
                        api -> json(api)
                                .body("{\"timeoutSeconds\":600,\"items\":" + SOME_ITEMS + "}")
                                .post("/sessions")));
    }

    /**
     * With a fault of the service: {@code unreadable} stores a document under a new session id that
     * the service cannot read, and returns the id.
     */
    static List<Exchange> fault(Supplier<String> unreadable) {
        return List.of(
                ok(
                        "getSession",
                        500,
                        "a stored session the service cannot read",
                        api -> api.get(SESSION, unreadable.get())),
                ok(
                        "getItem",
                        500,
                        "on the Vert.x route, a stored session the service cannot read",
                        api -> api.get(ITEM, unreadable.get(), "a")));
    }

    /** A request the document allows; the request is checked against the document too. */
    private static Exchange ok(
            String operationId, int status, String what, Function<RequestSpecification, Response> call) {
        return new Exchange(operationId, status, what, true, call);
    }

    /** A request the document refuses on purpose (bad input, media type); only the answer is checked. */
    private static Exchange bad(
            String operationId, int status, String what, Function<RequestSpecification, Response> call) {
        return new Exchange(operationId, status, what, false, call);
    }

    private static Exchange down(String operationId, Function<RequestSpecification, Response> call) {
        return new Exchange(operationId, 503, "the store is down", true, call);
    }

    /** A new session with three items (a, text, n); made outside the exchange under test. */
    /** A session under a lease: its id and the lease's id. */
    private static String[] leased() {
        String id = session();
        Object lockId = given().post(LOCK, id).then().statusCode(200).extract().path("lockId");
        return new String[] {id, lockId.toString()};
    }

    private static String session() {
        return create("{\"items\":" + SOME_ITEMS + "}");
    }

    /** An owner with one session, made outside the exchange under test. */
    private static String owned() {
        String owner = "exchanges-" + java.util.UUID.randomUUID();
        create("{\"owner\":\"" + owner + "\"}");
        return owner;
    }

    private static String readOnlySession() {
        return create("{\"readOnly\":true,\"items\":" + SOME_ITEMS + "}");
    }

    private static String create(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * A body of unknown length: RestAssured sends a stream of no known length chunked, with no
     * Content-Length, when it encodes the media type as binary (it reads a JSON stream whole first).
     */
    private static RequestSpecification chunked(RequestSpecification api, String contentType, String body) {
        return api.config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                                .encodeContentTypeAs(contentType, ContentType.BINARY)))
                .contentType(contentType)
                .body(new BufferedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** The answer, once sure that the body went chunked: refused as it was read, not by its Content-Length. */
    private static Response readWhole(Response response) {
        String detail = response.path("detail");
        if (detail == null || !detail.startsWith("The body has more than")) {
            throw new AssertionError("The body did not go chunked: " + detail);
        }
        return response;
    }

    /** application/json with the charset RestAssured adds: item PUTs take the REST way. */
    private static RequestSpecification json(RequestSpecification api) {
        return api.contentType(ContentType.JSON);
    }

    /** Exactly application/json: item PUTs take the Vert.x route (ItemRoutes). */
    private static RequestSpecification exactJson(RequestSpecification api) {
        return api.config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/json");
    }

    private static RequestSpecification mergePatch(RequestSpecification api) {
        return api.contentType(MERGE_PATCH + "; charset=utf-8");
    }
}
