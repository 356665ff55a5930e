package dev.sessionstate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.Failures;
import dev.sessionstate.core.SessionException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * The one writer of problem answers ({@code application/problem+json}, RFC 9457), for the REST
 * layer and for the plain Vert.x routes alike: which problem a failure is, its status, its
 * headers and its body are decided here and nowhere else.
 */
@Singleton
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What a failure is answered with: a refusal's own type and detail, or, for anything
     * unexpected, a generic 500 (and the failure is logged here, once).
     */
    static Answer answer(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof SessionException refusal) {
            return new Answer(ProblemType.of(refusal.kind()), refusal.getMessage(), refusal.heldLease());
        }
        if (cause instanceof ProblemException problem) {
            return new Answer(problem.type(), problem.getMessage());
        }
        LOG.error("Unexpected error", cause);
        return new Answer(ProblemType.INTERNAL_ERROR, "The service failed to answer this request.");
    }

    /**
     * A problem's type and its detail for this occurrence; for {@code session-locked}, the lease
     * that holds the session, or null when none does.
     */
    public record Answer(ProblemType type, String detail, SessionException.HeldLease heldLease) {

        public Answer(ProblemType type, String detail) {
            this(type, detail, null);
        }
    }

    /** The answer as a JAX-RS response, to which a caller may add headers. */
    Response.ResponseBuilder response(Answer answer, String instance) {
        Response.ResponseBuilder builder = Response.status(answer.type().status())
                .type(ProblemMapper.PROBLEM_JSON)
                .entity(body(answer, instance));
        String retryAfter = retryAfter(answer);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER.toString(), retryAfter);
        }
        return builder;
    }

    /** Writes and ends the answer on a Vert.x response. */
    public void write(HttpServerResponse response, Answer answer, String instance) {
        response.setStatusCode(answer.type().status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        String retryAfter = retryAfter(answer);
        if (retryAfter != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        response.end(body(answer, instance));
    }

    /**
     * Every 503 says when to try again: the store is away or contended for a moment, not for good.
     * A 423 says when the lease that holds the session expires.
     */
    private static String retryAfter(Answer answer) {
        if (answer.heldLease() != null) {
            return Long.toString(answer.heldLease().secondsLeft());
        }
        return answer.type().status() == 503 ? "1" : null;
    }

    private String body(Answer answer, String instance) {
        ProblemType type = answer.type();
        try {
            SessionException.HeldLease held = answer.heldLease();
            return json.writeValueAsString(
                    held == null
                            ? new Problem(type.uri(), type.title(), type.status(), answer.detail(), instance)
                            : new LockedProblem(
                                    type.uri(),
                                    type.title(),
                                    type.status(),
                                    answer.detail(),
                                    instance,
                                    held.lockId(),
                                    held.ageSeconds()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
