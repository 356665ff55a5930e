package dev.sessionstate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.SessionException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where errors become {@code application/problem+json} answers. Refusals carry a
 * specific detail; anything unexpected is logged once and answered with a generic 500, so that no
 * class name or stack trace reaches the wire.
 */
@Singleton
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    /*
     * Operations that answer without a body declare @Produces(application/json and this), so that a
     * client that accepts only problem documents (as generated clients do for them) is not refused.
     */

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotAllowedException) {
            Response.ResponseBuilder answer = builder(ProblemType.METHOD_NOT_ALLOWED,
                    "This resource does not support that method.", uri);
            e.getResponse().getAllowedMethods().forEach(m -> answer.header(HttpHeaders.ALLOW, m));
            return answer.build();
        }
        if (e instanceof NotSupportedException) {
            return response(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json (or application/merge-patch+json for PATCH).", uri);
        }
        if (e instanceof NotAcceptableException) {
            return response(ProblemType.NOT_ACCEPTABLE,
                    "This resource answers with application/json; accept it.", uri);
        }
        if (status == 404) {
            return response(ProblemType.NOT_FOUND, "There is no resource at this path.", uri);
        }
        if (status >= 500) {
            return failure(e, uri);
        }
        return response(ProblemType.INVALID_PARAMETER, "The request is not valid for this resource.", uri);
    }

    /** Refusals of the session rules and of request checks, as they are or wrapped by a stage; anything else is a 500. */
    @ServerExceptionMapper
    public Response failure(Throwable e, UriInfo uri) {
        Answer answer = answer(e);
        return response(answer.type(), answer.detail(), uri);
    }

    /**
     * What a failure of the service is answered with: a refusal's own type and detail, or, for
     * anything unexpected, a generic 500 (and the failure is logged here, once).
     */
    static Answer answer(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SessionException refusal) {
            return new Answer(ProblemType.of(refusal.kind()), refusal.getMessage());
        }
        if (cause instanceof ProblemException problem) {
            return new Answer(problem.type(), problem.getMessage());
        }
        LOG.error("Unexpected error", cause);
        return new Answer(ProblemType.INTERNAL_ERROR, "The service failed to answer this request.");
    }

    /** A problem's type and its detail for this occurrence. */
    record Answer(ProblemType type, String detail) {
    }

    private Response response(ProblemType type, String detail, UriInfo uri) {
        return builder(type, detail, uri).build();
    }

    private Response.ResponseBuilder builder(ProblemType type, String detail, UriInfo uri) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(PROBLEM_JSON)
                .entity(body(json, type, detail, uri.getRequestUri().getRawPath()));
        if (type.status() == 503) {
            builder.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return builder;
    }

    /** The JSON text of a problem document. */
    static String body(ObjectMapper json, ProblemType type, String detail, String instance) {
        try {
            return json.writeValueAsString(new Problem(type.uri(), type.title(), type.status(), detail, instance));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
