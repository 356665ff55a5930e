package dev.sessionstate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.ValueType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The two hottest requests, GET and PUT of {@code /sessions/{id}/items/{key}}, answered by plain
 * Vert.x routes rather than the REST layer, which cost more than the work itself
 * (bench/RESULTS.md).
 *
 * <p>{@link ItemResource#get} and {@link ItemResource#put} stay the operations' definitions (the
 * OpenAPI document) and answer every request these routes hand on: those with a query string
 * (typed access), a percent-encoded path, an {@code Accept} header other than
 * {@code application/json} or {@code *}{@code /*}, and PUTs whose body is not announced by a
 * {@code Content-Length} as exactly {@code application/json}. For the rest, the routes answer
 * exactly as those methods do, through the same {@link ItemService} calls and the same problem
 * documents ({@link ProblemMapper}); a test compares the two ways.
 */
@Singleton
public class ItemRoutes {

    static final String TEMPLATE = "/sessions/{id}/items/{key}";
    /** After Quarkus' own routes that must see every request (ApiWiring's at -3), before the REST layer. */
    private static final int ORDER = -1;
    private static final String PATH = "/sessions/:id/items/:key";
    private static final String JSON = "application/json";

    private final ItemService items;
    private final JsonBodies bodies;
    private final ObjectMapper json;
    private final HttpRequestMetrics metrics;

    public ItemRoutes(ItemService items, JsonBodies bodies, ObjectMapper json, HttpRequestMetrics metrics) {
        this.items = items;
        this.bodies = bodies;
        this.json = json;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.get(PATH).order(ORDER).handler(this::read);
        router.put(PATH).order(ORDER).handler(this::write);
    }

    private void read(RoutingContext ctx) {
        if (!usual(ctx.request())) {
            ctx.next();
            return;
        }
        long start = System.nanoTime();
        try {
            items.item(ctx.pathParam("id"), ctx.pathParam("key"), ValueType.ANY).whenComplete((read, failure) -> {
                if (failure != null) {
                    fail(ctx, failure, start);
                    return;
                }
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .putHeader(HttpHeaders.ETAG, EntityTags.of(read.session()))
                        .end(read.result());
                metrics.record("GET", TEMPLATE, 200, start);
            });
        } catch (RuntimeException refused) {
            fail(ctx, refused, start);
        }
    }

    private void write(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!usual(request) || request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                || !JSON.equalsIgnoreCase(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.next();
            return;
        }
        long start = System.nanoTime();
        // ApiWiring has refused a Content-Length over the request size limit, so the whole body may be read.
        request.body().onComplete(body -> {
            if (body.failed()) {
                fail(ctx, body.cause(), start);
                return;
            }
            try {
                put(ctx, body.result(), start);
            } catch (RuntimeException refused) {
                fail(ctx, refused, start);
            }
        });
        // The router pauses every request until a handler asks for its body.
        request.resume();
    }

    private void put(RoutingContext ctx, Buffer body, long start) {
        HttpServerRequest request = ctx.request();
        boolean createOnly = EntityTags.createOnly(request.getHeader(HttpHeaders.IF_NONE_MATCH));
        items.putItem(ctx.pathParam("id"), ctx.pathParam("key"), bodies.value(body.getBytes()), ValueType.ANY,
                EntityTags.ifMatch(request.getHeader(HttpHeaders.IF_MATCH)), createOnly).whenComplete((put, failure) -> {
            if (failure != null) {
                fail(ctx, failure, start);
                return;
            }
            HttpServerResponse response = ctx.response();
            int status = put.result() ? 201 : 200;
            if (put.result()) {
                response.putHeader(HttpHeaders.LOCATION, request.absoluteURI());
            }
            response.setStatusCode(status).putHeader(HttpHeaders.ETAG, EntityTags.of(put.session())).end();
            metrics.record("PUT", TEMPLATE, status, start);
        });
    }

    /** Answers a refusal or failure with the problem document that the REST methods would answer with. */
    private void fail(RoutingContext ctx, Throwable failure, long start) {
        ProblemMapper.Answer answer = ProblemMapper.answer(failure);
        int status = answer.type().status();
        HttpServerResponse response = ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        if (status == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        response.end(ProblemMapper.body(json, answer.type(), answer.detail(), ctx.request().path()));
        metrics.record(ctx.request().method().name(), TEMPLATE, status, start);
    }

    /** Whether the REST method would take the request as these routes do. */
    private static boolean usual(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return request.query() == null && request.path().indexOf('%') < 0
                && (accept == null || accept.equals(JSON) || accept.equals("*/*"));
    }
}
