package dev.sessionstate.api;

import dev.sessionstate.core.Lease;
import dev.sessionstate.core.LeaseService;
import dev.sessionstate.core.UpdateResult;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exclusive leases on a session: acquire (optionally reading the items), renew, release, forced release. */
@Path("/sessions/{id}/lock")
@Tag(name = "Leases")
@Produces(MediaType.APPLICATION_JSON)
public class LeaseResource {

    private final Callers callers;
    private final JsonBodies bodies;

    public LeaseResource(Callers callers, JsonBodies bodies) {
        this.callers = callers;
        this.bodies = bodies;
    }

    /** The caller's application's lease service. */
    private LeaseService leases() {
        return callers.services().leases();
    }

    @POST
    @Operation(
            operationId = "acquireLease",
            summary = "Take the session's exclusive lease",
            description =
                    "ASP.NET's GetItemExclusive: while the lease holds, every write must name it in Session-Lock. "
                            + "Reads and touches never wait. A lease past its expiry is free, and the next one gets "
                            + "a greater id.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeaseRequest.class),
                            examples = @ExampleObject(name = "tenSeconds", value = "{\"leaseSeconds\":10}")))
    @APIResponse(
            responseCode = "200",
            description = "The lease",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = LeaseView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> acquire(
            @PathParam("id") String id,
            @Parameter(description = "items: also answer the session's items, read in the same atomic step")
                    @QueryParam("include")
                    String include,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        boolean withItems = includesItems(include);
        return leases().acquire(id, leaseSeconds(contentType, body)).thenApply(taken -> answer(taken, withItems));
    }

    @POST
    @Path("{lockId}/renew")
    @Operation(
            operationId = "renewLease",
            summary = "Extend the lease",
            description = "The lease then expires leaseSeconds from now.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeaseRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "The renewed lease",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = LeaseView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> renew(
            @PathParam("id") String id,
            @Parameter(description = "The lease's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("lockId")
                    String lockId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        return leases().renew(id, SessionLocks.lockId(lockId, "lockId"), leaseSeconds(contentType, body))
                .thenApply(renewed -> answer(renewed, false));
    }

    @DELETE
    @Path("{lockId}")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "releaseLease",
            summary = "Release the lease",
            description = "ASP.NET's ReleaseItemExclusive. Only the lease that holds the session is released: "
                    + "a lease that expired, was released or was taken over answers 423.")
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> release(
            @PathParam("id") String id,
            @Parameter(description = "The lease's id", schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("lockId")
                    String lockId) {
        return leases().release(id, SessionLocks.lockId(lockId, "lockId"))
                .thenApply(released -> Response.noContent().build());
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "forceReleaseLease",
            summary = "Release whatever lease holds the session",
            description =
                    "Administrative (the admin role): frees a session whose holder is gone, before its lease expires. "
                            + "Also 204 when no lease holds it.")
    @APIResponse(responseCode = "204", description = "No lease holds the session")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> forceRelease(@PathParam("id") String id) {
        return leases().forceRelease(id)
                .thenApply(released -> Response.noContent().build());
    }

    private static Response answer(UpdateResult<Lease> change, boolean withItems) {
        String items = withItems ? JsonTexts.object(change.session().items().asMap()) : null;
        return SessionResource.withTag(Response.ok(LeaseView.of(change.result(), items)), change.session());
    }

    private static boolean includesItems(String include) {
        if (include == null) {
            return false;
        }
        if (include.equals("items")) {
            return true;
        }
        throw new ProblemException(ProblemType.INVALID_PARAMETER, "include takes only 'items'; got '" + include + "'.");
    }

    /** The body's leaseSeconds, or null for none (an empty body, JSON null, or no member). */
    private Integer leaseSeconds(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        if (!SessionResource.isJson(contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        if (bodies.value(body).equals("null")) {
            // What generated clients send for an optional body left out.
            return null;
        }
        Map<String, String> members = bodies.object(body);
        for (String name : members.keySet()) {
            if (!name.equals("leaseSeconds")) {
                throw invalidField("Unknown member '" + name + "'; allowed is leaseSeconds.");
            }
        }
        String raw = members.get("leaseSeconds");
        if (raw == null || raw.equals("null")) {
            return null;
        }
        try {
            return Integer.valueOf(raw);
        } catch (NumberFormatException e) {
            throw invalidField("leaseSeconds must be a whole number of seconds.");
        }
    }

    private static ProblemException invalidField(String detail) {
        return new ProblemException(ProblemType.INVALID_FIELD, detail);
    }

    /** The body of acquire and renew (the OpenAPI schema only; bodies are read by {@link JsonBodies}). */
    @Schema(name = "LeaseRequest")
    public record LeaseRequest(
            @Schema(
                    description = "Length of the lease in seconds (sessions.leases.min to max; "
                            + "default sessions.leases.default)",
                    examples = "30")
            Integer leaseSeconds) {}
}
