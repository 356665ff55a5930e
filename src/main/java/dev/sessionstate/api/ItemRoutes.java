package dev.sessionstate.api;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.UpdateResult;
import dev.sessionstate.core.ValueType;
import io.netty.buffer.Unpooled;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
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
 * 9), and ahead of {@link RequestChecks} too: they take only requests that those checks would let
 * through (a GET without a body; a PUT whose body has a length within the request size limit), and
 * hand every other on to them (run 10). A CORS filter (order -300) still runs first. With
 * authentication on they run after the security handlers and the checks, as every other route.
 */
@Singleton
public class ItemRoutes {

    static final String TEMPLATE = "/sessions/{id}/items/{key}";
    /** After {@link RequestChecks} (-3), Quarkus' security handlers and body limit (-2), before the REST layer. */
    private static final int ORDER = -1;
    /** Before {@link RequestChecks} and Quarkus' authentication (-200): with authentication off. */
    static final int ORDER_WITHOUT_AUTH = RequestChecks.ORDER_WITHOUT_AUTH - 1;

    private final Callers callers;
    private final ItemWrites writes;
    private final ProblemResponses problems;
    private final HttpRequestMetrics.RouteTimers readTimers;
    private final HttpRequestMetrics.RouteTimers writeTimers;
    private final int order;
    /**
     * The largest body that these routes take: {@code sessions.limits.max-request-size}, which
     * {@link RequestChecks} holds bodies to, or Quarkus' body limit, whichever is smaller. These
     * routes may run ahead of both, and hand on a body over either, which then answers it.
     */
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
        this.readTimers = metrics.route("GET", TEMPLATE);
        this.writeTimers = metrics.route("PUT", TEMPLATE);
        this.order = config.auth().mode().contains(AuthMode.NONE) ? ORDER_WITHOUT_AUTH : ORDER;
        this.maxBodySize = Math.min(
                maxBodySize.asLongValue(), config.limits().maxRequestSize().asLongValue());
    }

    /**
     * One prefix route, whose paths {@link ItemPath#of} takes apart: Vert.x' path pattern
     * ({@code /sessions/:id/items/:key}) matches a regular expression, and a PUT would run both
     * routes' (bench/RESULTS.md, run 10).
     */
    void register(@Observes Router router) {
        router.route(ItemPath.PREFIX + "*").order(order).handler(this::route);
    }

    private void route(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        ItemPath path = method == HttpMethod.GET || method == HttpMethod.PUT ? ItemPath.of(ctx.normalizedPath()) : null;
        if (path == null) {
            ctx.next();
        } else if (method == HttpMethod.GET) {
            read(ctx, path);
        } else {
            write(ctx, path);
        }
    }

    private void read(RoutingContext ctx, ItemPath path) {
        HttpServerRequest request = ctx.request();
        if (!usual(request) || hasBody(request)) {
            ctx.next();
            return;
        }
        timed(ctx, readTimers);
        CompletionStage<UpdateResult<byte[]>> item;
        try {
            item = callers.services(ctx).items().itemUtf8(path.id(), path.key());
        } catch (RuntimeException refused) {
            fail(ctx, refused);
            return;
        }
        whenDone(item, (read, failure) -> {
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
    }

    private void write(RoutingContext ctx, ItemPath path) {
        HttpServerRequest request = ctx.request();
        if (!usual(request)
                || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || !withinBodyLimit(request.getHeader(HttpHeaders.CONTENT_LENGTH))
                || !MediaTypes.isJsonUtf8(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.next();
            return;
        }
        timed(ctx, writeTimers);
        // The Content-Length is within the request size limit, so the whole body may be read.
        request.body().onComplete(body -> {
            if (body.failed()) {
                fail(ctx, body.cause());
                return;
            }
            CompletionStage<ItemWrites.Written> stored;
            try {
                stored = writes.put(
                        callers.services(ctx).items(),
                        path.id(),
                        path.key(),
                        ValueType.ANY,
                        headers(request),
                        body.result().getBytes(),
                        request::absoluteURI);
            } catch (RuntimeException refused) {
                fail(ctx, refused);
                return;
            }
            whenDone(stored, (written, failure) -> {
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
        });
        // The router pauses every request until a handler asks for its body.
        request.resume();
    }

    /**
     * Calls {@code then} with the stage's outcome: at once when it has already succeeded, as every
     * stage of the memory store has, else when it completes.
     */
    private static <T> void whenDone(CompletionStage<T> stage, BiConsumer<? super T, ? super Throwable> then) {
        if (stage instanceof CompletableFuture<T> done && done.isDone() && !done.isCompletedExceptionally()) {
            then.accept(done.getNow(null), null);
        } else {
            stage.whenComplete(then);
        }
    }

    /**
     * Whether a request carries a body, by the rule of {@link RequestChecks}, which refuses one sent with a GET.
     */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.equals("0") || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static ItemWrites.Headers headers(HttpServerRequest request) {
        return new ItemWrites.Headers(
                request.getHeader(HttpHeaders.IF_MATCH),
                request.getHeader(HttpHeaders.IF_NONE_MATCH),
                new LeaseHeaders(request.getHeader(SessionLocks.HEADER), request.getHeader(SessionLocks.RELEASE)));
    }

    /**
     * Whether a body has a known length that both the request size limit and Quarkus' body limit let
     * through; beyond either, the request is handed on, and that limit answers it as it answers any other.
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
    private static void timed(RoutingContext ctx, HttpRequestMetrics.RouteTimers timers) {
        long start = System.nanoTime();
        ctx.addEndHandler(ended -> timers.record(ctx.response().getStatusCode(), start));
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
