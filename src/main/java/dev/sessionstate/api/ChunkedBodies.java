package dev.sessionstate.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.util.function.Consumer;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bodies of unknown length ({@code Transfer-Encoding: chunked}, no {@code Content-Length}), read by
 * {@link RequestChecks} before either door sees them, so that one over
 * {@code sessions.limits.max-request-size} is refused with the same problem as a
 * {@code Content-Length} over it: as soon as it passes the limit, before anything is stored.
 *
 * <p>Quarkus bounds such bodies too ({@code quarkus.http.limits.max-body-size}), but only while
 * the REST layer reads them, and it answers a bare 413 without a problem document. Here the body is
 * read first, at most the limit of it is held, and the REST layer is handed what was read.
 */
@Singleton
public class ChunkedBodies {

    /** Where a body read here waits for the REST layer, in the routing context. */
    private static final String BODY = ChunkedBodies.class.getName() + ".body";

    /** Whether the request's body has no declared length, so that only reading it tells its size. */
    static boolean unknownLength(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /**
     * Reads the body, then hands the request on; or, once more than {@code limit} bytes have come,
     * holds no more of it and calls {@code tooLarge} with the count so far, which answers.
     */
    void read(RoutingContext ctx, long limit, Consumer<Long> tooLarge) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                if (!ctx.response().ended()) {
                    // What still comes is dropped (a client that writes all before it reads gets its answer),
                    // and the connection ends with the answer, as for a Content-Length over the limit.
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                    tooLarge.accept(received[0]);
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (received[0] <= limit) {
                ctx.put(BODY, body);
                ctx.next();
            }
        });
        // The connection broke while the body came: no one is left to answer, and nothing is handed on.
        request.exceptionHandler(broken -> {});
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        // The router pauses every request until a handler asks for its body.
        request.resume();
    }

    /** Gives the REST layer the body read here, which it can no longer read from the connection. */
    @ServerRequestFilter(preMatching = true)
    public void handOn(ContainerRequestContext request, RoutingContext ctx) {
        Buffer body = ctx.get(BODY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
