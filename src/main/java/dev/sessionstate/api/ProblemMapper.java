package dev.sessionstate.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns what the REST layer throws into problem answers, through {@link ProblemResponses} like
 * every other answer. Refusals carry a specific detail; anything unexpected is a generic 500, so
 * that no class name or stack trace reaches the wire.
 */
@Singleton
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    /*
     * Operations that answer without a body declare @Produces(application/json and this), so that a
     * client that accepts only problem documents (as generated clients do for them) is not refused.
     */

    private final ProblemResponses problems;

    public ProblemMapper(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotAllowedException) {
            Response.ResponseBuilder answer =
                    builder(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that method.", uri);
            e.getResponse().getAllowedMethods().forEach(m -> answer.header(HttpHeaders.ALLOW, m));
            return answer.build();
        }
        if (e instanceof NotSupportedException) {
            return builder(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "Send the body as application/json (or application/merge-patch+json for PATCH).",
                            uri)
                    .build();
        }
        if (e instanceof NotAcceptableException) {
            return builder(ProblemType.NOT_ACCEPTABLE, "This resource answers with application/json; accept it.", uri)
                    .build();
        }
        if (status == 404) {
            return builder(ProblemType.NOT_FOUND, "There is no resource at this path.", uri)
                    .build();
        }
        if (status >= 500) {
            return failure(e, uri);
        }
        return builder(ProblemType.INVALID_PARAMETER, "The request is not valid for this resource.", uri)
                .build();
    }

    /**
     * Refusals of the session rules and of request checks, as they are or wrapped by a stage; anything else is a 500.
     */
    @ServerExceptionMapper
    public Response failure(Throwable e, UriInfo uri) {
        return problems.response(ProblemResponses.answer(e), uri.getRequestUri().getRawPath())
                .build();
    }

    private Response.ResponseBuilder builder(ProblemType type, String detail, UriInfo uri) {
        return problems.response(
                new ProblemResponses.Answer(type, detail), uri.getRequestUri().getRawPath());
    }
}
