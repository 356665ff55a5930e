package dev.sessionstate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.config.SessionsConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the API's body readers from configuration, and refuses oversized bodies up front.
 */
@Singleton
public class ApiWiring {

    /** Runs before Quarkus' own body-size check (order -2), which answers without a problem document. */
    private static final int BEFORE_QUARKUS_LIMIT = -3;

    @Produces
    @Singleton
    JsonBodies jsonBodies(SessionsConfig config) {
        return new JsonBodies(config.limits().maxDepth());
    }

    @Produces
    @Singleton
    SessionBodies sessionBodies(JsonBodies bodies) {
        return new SessionBodies(bodies);
    }

    /**
     * Answers 413 with a problem document when Content-Length exceeds
     * {@code sessions.limits.max-request-size}, before the body is read.
     */
    void limitRequestSize(@Observes Router router, SessionsConfig config, ObjectMapper json) {
        long limit = config.limits().maxRequestSize().asLongValue();
        // Only methods with bodies pay for the check; reads go straight on.
        router.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .order(BEFORE_QUARKUS_LIMIT).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > limit) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(ProblemMapper.body(json, ProblemType.REQUEST_TOO_LARGE,
                                "The body has " + length + " bytes; at most " + limit + " are allowed.", ctx.request().path()));
                return;
            }
            ctx.next();
        });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
