package dev.sessionstate.security;

import dev.sessionstate.api.ProblemResponses;
import dev.sessionstate.api.ProblemType;
import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import dev.sessionstate.core.Failures;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers refused authentication (401, with {@code WWW-Authenticate}) and refused authorization
 * (403) with problem documents, for the REST resources and the plain routes alike: Quarkus fails
 * the request with a security exception before either runs, and this failure handler, ahead of
 * Quarkus' own, writes the answer.
 */
@Singleton
public class AuthProblems {

    /** Before every other failure handler. */
    private static final int ORDER = Integer.MIN_VALUE;

    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final ProblemResponses problems;
    private final List<String> challenges = new ArrayList<>();
    private final String credentials;

    public AuthProblems(ProblemResponses problems, SessionsConfig config) {
        this.problems = problems;
        Set<AuthMode> modes = config.auth().mode();
        List<String> ways = new ArrayList<>();
        if (modes.contains(AuthMode.API_KEY)) {
            challenges.add(ApiKeyAuthenticationMechanism.CHALLENGE);
            ways.add("an API key in the " + ApiKeyAuthenticationMechanism.HEADER + " header");
        }
        if (modes.contains(AuthMode.OIDC)) {
            challenges.add("Bearer");
            ways.add("a bearer token in the Authorization header");
        }
        this.credentials = String.join(" or ", ways);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        Throwable failure = Failures.cause(ctx.failure());
        if (ctx.response().ended()) {
            return;
        }
        if (failure instanceof UnauthorizedException) {
            unauthenticated(ctx, "Send " + credentials + ".");
        } else if (failure instanceof AuthenticationException) {
            unauthenticated(ctx, "The credentials were not accepted: send " + credentials + ".");
        } else if (failure instanceof ForbiddenException forbidden) {
            write(
                    ctx,
                    ProblemType.FORBIDDEN,
                    forbidden.getMessage() != null
                            ? forbidden.getMessage()
                            : "The caller's roles do not allow this operation.");
        } else {
            ctx.next();
        }
    }

    private void unauthenticated(RoutingContext ctx, String detail) {
        HttpServerResponse response = ctx.response();
        List<String> present = response.headers().getAll(WWW_AUTHENTICATE);
        for (String challenge : challenges) {
            String scheme = challenge.split(" ", 2)[0];
            if (present.stream().noneMatch(value -> value.regionMatches(true, 0, scheme, 0, scheme.length()))) {
                response.headers().add(WWW_AUTHENTICATE, challenge);
            }
        }
        write(ctx, ProblemType.UNAUTHENTICATED, detail);
    }

    private void write(RoutingContext ctx, ProblemType type, String detail) {
        problems.write(
                ctx.response(),
                new ProblemResponses.Answer(type, detail),
                ctx.request().path());
    }
}
