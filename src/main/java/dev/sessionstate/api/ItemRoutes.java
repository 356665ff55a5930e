package dev.sessionstate.api;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.ValueType;
import io.netty.buffer.Unpooled;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two hottest requests, GET and PUT of {@code /sessions/{id}/items/{key}}, answered by plain
 * Vert.x routes rather than the REST layer, which cost more than the work itself
 * (bench/RESULTS.md).
 *
 * <p>They take the requests that real clients send: {@code Accept} absent or a list that takes
 * {@code application/json} (such as axios's {@code application/json, text/plain, *}{@code /*}),
 * and for PUT a body of known length whose {@code Content-Type} is {@code application/json}, with
 * or without {@code charset=utf-8}. {@link ItemResource#get} and {@link ItemResource#put} stay
 * the operations' definitions (the OpenAPI document) and answer what these routes hand on: a
 * query string (typed access), a percent-encoded path, other media types, chunked bodies. Both
 * doors call the same {@link ItemService} and {@link ItemWrites}, and answer refusals through
 * {@link ProblemResponses}; a test compares the two ways on both stores.
 *
 * <p>With authentication off ({@code sessions.auth.mode=none}) they run ahead of Quarkus' security
 * handlers, which have nothing to decide then but still build an anonymous identity for every
 * request through a chain of Mutiny stages, about a third of a GET's CPU time (bench/RESULTS.md, run
 * 9). {@link RequestChecks} moves ahead with them; a CORS filter (order -300) still runs first.
 */
@Singleton
public class ItemRoutes {

    static final String TEMPLATE = "/sessions/{id}/items/{key}";
    /** After {@link RequestChecks} (-3), Quarkus' security handlers and body limit (-2), before the REST layer. */
    private static final int ORDER = -1;
    /** After {@link RequestChecks} (-202), before Quarkus' authentication (-200): with authentication off. */
    static final int ORDER_WITHOUT_AUTH = -201;

    private static final String PATH = "/sessions/:id/items/:key";

    private final Callers callers;
    private final ItemWrites writes;
    private final ProblemResponses problems;
    private final HttpRequestMetrics metrics;
    private final int order;
    /** Quarkus' body limit, which these routes check themselves when they run ahead of it. */
    private final long maxBodySize;

    public ItemRoutes(
            Callers callers,
            ItemWrites writes,
            ProblemResponses problems,
            HttpRequestMetrics metrics,
            SessionsConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.callers = callers;
        this.writes = writes;
        this.problems = problems;
        this.metrics = metrics;
        this.order = config.auth().mode().contains(AuthMode.NONE) ? ORDER_WITHOUT_AUTH : ORDER;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.get(PATH).order(order).handler(this::read);
        router.put(PATH).order(order).handler(this::write);
    }

    private void read(RoutingContext ctx) {
        if (!usual(ctx.request())) {
            ctx.next();
            return;
        }
        timed(ctx);
        try {
            callers.services(ctx)
                    .items()
                    .itemUtf8(ctx.pathParam("id"), ctx.pathParam("key"))
                    .whenComplete((read, failure) -> {
                        if (failure != null) {
                            fail(ctx, failure);
                            return;
                        }
                        ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON)
                                .putHeader(HttpHeaders.ETAG, EntityTags.of(read.session()))
                                // The stored bytes as they are, rather than a text encoded again.
                                .end(Buffer.buffer(Unpooled.wrappedBuffer(read.result())));
                    });
        } catch (RuntimeException refused) {
            fail(ctx, refused);
        }
    }

    private void write(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!usual(request)
                || !withinBodyLimit(request.getHeader(HttpHeaders.CONTENT_LENGTH))
                || !MediaTypes.isJsonUtf8(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.next();
            return;
        }
        timed(ctx);
        // RequestChecks has refused a Content-Length over the request size limit, so the whole body may be read.
        request.body().onComplete(body -> {
            if (body.failed()) {
                fail(ctx, body.cause());
                return;
            }
            try {
                writes.put(
                                callers.services(ctx).items(),
                                ctx.pathParam("id"),
                                ctx.pathParam("key"),
                                ValueType.ANY,
                                headers(request),
                                body.result().getBytes(),
                                request::absoluteURI)
                        .whenComplete((written, failure) -> {
                            if (failure != null) {
                                fail(ctx, failure);
                                return;
                            }
                            HttpServerResponse response = ctx.response().setStatusCode(written.status());
                            if (written.location() != null) {
                                response.putHeader(HttpHeaders.LOCATION, written.location());
                            }
                            response.putHeader(HttpHeaders.ETAG, written.etag()).end();
                        });
            } catch (RuntimeException refused) {
                fail(ctx, refused);
            }
        });
        // The router pauses every request until a handler asks for its body.
        request.resume();
    }

    private static ItemWrites.Headers headers(HttpServerRequest request) {
        return new ItemWrites.Headers(
                request.getHeader(HttpHeaders.IF_MATCH),
                request.getHeader(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(SessionLocks.HEADER),
                request.getHeader(SessionLocks.RELEASE));
    }

    /**
     * Whether a body has a known length that Quarkus' body limit lets through; beyond it, the
     * request is handed on, and that limit answers it as it answers any other.
     */
    private boolean withinBodyLimit(String length) {
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length) <= maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Times the request from now until its answer has been written, whichever way it ends. */
    private void timed(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> metrics.record(
                ctx.request().method().name(), TEMPLATE, ctx.response().getStatusCode(), start));
    }

    /** Answers a refusal or failure with the problem document that the REST methods would answer with. */
    private void fail(RoutingContext ctx, Throwable failure) {
        problems.write(
                ctx.response(), ProblemResponses.answer(failure), ctx.request().path());
    }

    /** Whether the REST method would take the request as these routes do. */
    private static boolean usual(HttpServerRequest request) {
        return request.query() == null
                && request.path().indexOf('%') < 0
                && MediaTypes.acceptsJson(request.getHeader(HttpHeaders.ACCEPT));
    }
}
