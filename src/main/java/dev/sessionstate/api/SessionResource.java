package dev.sessionstate.api;

import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionService;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
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

/** Sessions: create, read, change settings, touch, end; keys and count of their items. */
@Path("/sessions")
@Tag(name = "Sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Callers callers;
    private final SessionBodies bodies;

    public SessionResource(Callers callers, SessionBodies bodies) {
        this.callers = callers;
        this.bodies = bodies;
    }

    /** The caller's application's session service. */
    private SessionService service() {
        return callers.services().sessions();
    }

    @POST
    @Operation(
            operationId = "createSession",
            summary = "Create a session",
            description = "Creates a session with a new unguessable id. The body is optional.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateSessionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "withCart",
                                            summary = "A 10-minute session with a cart",
                                            value = "{\"timeoutSeconds\":600,\"items\":{\"cart\":{\"sku\":\"A-1\",\"q"
                                                    + "ty\":2}}}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            headers = {
                @Header(
                        name = "Location",
                        description = "URI of the new session",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "ETag",
                        description = "The session's version",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(
            responseCode = "409",
            description = "The owner holds sessions.owners.max-sessions sessions and the limit rejects more "
                    + "(owner-limit-reached)",
            content =
                    @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @APIResponse(responseCode = "507", ref = "CapacityExhausted")
    public CompletionStage<Response> create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        // Any Content-Type goes with an empty body (clients send one by habit); a body must be JSON.
        if (body != null && body.length > 0 && !isJson(contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        return service()
                .create(bodies.create(body))
                .thenApply(session -> Response.created(URI.create("/sessions/" + session.id()))
                        .header(HttpHeaders.ETAG, EntityTags.of(session))
                        .entity(SessionView.of(session, service().mode(), true))
                        .build());
    }

    @GET
    @Operation(
            operationId = "listOwnerSessions",
            summary = "List an owner's sessions",
            description = "The owner's live sessions, newest first, without touching them; an owner with none has an "
                    + "empty list. Needs the admin role when authentication is on.")
    @APIResponse(
            responseCode = "200",
            description = "The owner's live sessions",
            content = @Content(schema = @Schema(implementation = OwnedSessionView[].class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<List<OwnedSessionView>> listByOwner(
            @Parameter(description = OwnerChecks.DOC, required = true) @QueryParam("owner") String owner) {
        return service()
                .ownedBy(OwnerChecks.check(owner, "The query parameter owner"))
                .thenApply(
                        sessions -> sessions.stream().map(OwnedSessionView::of).toList());
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "endOwnerSessions",
            summary = "End all of an owner's sessions",
            description = "Log out everywhere: ends every live session of the owner, each as an abandon would "
                    + "(whatever lease holds it), and answers how many. Needs the admin role when authentication "
                    + "is on.")
    @APIResponse(
            responseCode = "200",
            description = "How many sessions were ended",
            content = @Content(schema = @Schema(implementation = EndedView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<EndedView> endByOwner(
            @Parameter(description = OwnerChecks.DOC, required = true) @QueryParam("owner") String owner) {
        return service()
                .endOwnedBy(OwnerChecks.check(owner, "The query parameter owner"))
                .thenApply(EndedView::new);
    }

    @POST
    @Path("{id}/rotate")
    @Operation(
            operationId = "rotateSession",
            summary = "Give a session a new id",
            description = "Id rotation (after log-in, against session fixation): the session moves to a new id with "
                    + "its items, settings, properties, owner, timeouts, creation time, version and lease; the old id "
                    + "answers 404 from then on. A write: a leased session needs Session-Lock, and the lease stays "
                    + "valid under the new id. An optional body {\"owner\": ...} tags the session with the user who "
                    + "logged in: a session without owner is given it (one version later, within the owner's limit as "
                    + "at create), its own owner changes nothing, another is refused.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RotateSessionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "logIn",
                                            summary = "Rotate at log-in and tag the session with the user",
                                            value = "{\"owner\":\"user-42\"}")))
    @APIResponse(
            responseCode = "201",
            description = "The session under its new id",
            headers = {
                @Header(
                        name = "Location",
                        description = "URI of the session under its new id",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "ETag",
                        description = "The session's version (one later when the rotation gave it its owner)",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(
            responseCode = "409",
            description = "The session has another owner (owner-mismatch), or the owner holds "
                    + "sessions.owners.max-sessions sessions and the limit rejects more (owner-limit-reached)",
            content =
                    @Content(mediaType = ProblemMapper.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> rotate(
            @PathParam("id") String id,
            @Parameter(description = "Rotate only if the session is at this version (its ETag)")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Parameter(
                            description = SessionLocks.LOCK_DOC,
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @HeaderParam(SessionLocks.HEADER)
                    String lock,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        // As at create: any Content-Type goes with an empty body; a body must be JSON.
        if (body != null && body.length > 0 && !isJson(contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        return service()
                .rotate(id, bodies.rotateOwner(body), SessionLocks.precondition(ifMatch, lock, null))
                .thenApply(session -> Response.created(URI.create("/sessions/" + session.id()))
                        .header(HttpHeaders.ETAG, EntityTags.of(session))
                        .entity(SessionView.of(session, service().mode(), false))
                        .build());
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getSession",
            summary = "Read a session",
            description = "Reads a session and resets its idle timer.")
    @APIResponse(
            responseCode = "200",
            description = "The session",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        return service().read(id).thenApply(this::view);
    }

    @HEAD
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "sessionExists",
            summary = "Test whether a session exists",
            description = "Also resets its idle timer.")
    @APIResponse(
            responseCode = "200",
            description = "The session exists",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such session")
    @APIResponse(
            responseCode = "503",
            description = "The session store does not answer",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds to wait before retrying",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int32")))
    public CompletionStage<Response> exists(@PathParam("id") String id) {
        return service()
                .read(id)
                .thenApply(session -> Response.ok()
                        .header(HttpHeaders.ETAG, EntityTags.of(session))
                        .build());
    }

    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updateSession",
            summary = "Change a session's settings",
            description =
                    "A JSON merge patch of timeoutSeconds, readOnly, commandParm, lcid and codePage; null resets a "
                            + "member.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MERGE_PATCH_JSON,
                            schema = @Schema(implementation = UpdateSessionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "locale",
                                            summary = "Set the locale, reset the code page",
                                            value = "{\"lcid\":1033,\"codePage\":null}")))
    @APIResponse(
            responseCode = "200",
            description = "The changed session",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's new version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> update(
            @PathParam("id") String id,
            @Parameter(description = "Apply only if the session is at this version (its ETag)")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @BeanParam LeaseHeaders lease,
            byte[] body) {
        return service()
                .patch(id, bodies.patch(body), lease.precondition(ifMatch))
                .thenApply(this::view);
    }

    @DELETE
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(operationId = "deleteSession", summary = "End a session", description = "The same as abandon.")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> delete(@PathParam("id") String id, @BeanParam EndLeaseHeader lease) {
        return end(id, lease);
    }

    @POST
    @Path("{id}/abandon")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "abandonSession",
            summary = "Abandon a session",
            description = "Ends the session at once; every later request for it answers 404.")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> abandon(@PathParam("id") String id, @BeanParam EndLeaseHeader lease) {
        return end(id, lease);
    }

    @POST
    @Path("{id}/touch")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "touchSession",
            summary = "Keep a session alive",
            description = "Resets the idle timer without reading anything.")
    @APIResponse(
            responseCode = "204",
            description = "Touched",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> touch(@PathParam("id") String id) {
        return service()
                .read(id)
                .thenApply(session -> Response.noContent()
                        .header(HttpHeaders.ETAG, EntityTags.of(session))
                        .build());
    }

    @GET
    @Path("{id}/keys")
    @Operation(operationId = "listKeys", summary = "List item keys", description = "Keys in insertion order.")
    @APIResponse(
            responseCode = "200",
            description = "The keys",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = String[].class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> keys(@PathParam("id") String id) {
        return service()
                .read(id)
                .thenApply(session -> withTag(Response.ok(session.items().keys()), session));
    }

    @GET
    @Path("{id}/count")
    @Operation(operationId = "countItems", summary = "Count items", description = "The number of items in the session.")
    @APIResponse(
            responseCode = "200",
            description = "The number of items",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = CountView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> count(@PathParam("id") String id) {
        return service()
                .read(id)
                .thenApply(session ->
                        withTag(Response.ok(new CountView(session.items().size())), session));
    }

    private CompletionStage<Response> end(String id, EndLeaseHeader lease) {
        return service()
                .end(id, lease.precondition())
                .thenApply(ended -> Response.noContent().build());
    }

    private Response view(Session session) {
        return withTag(Response.ok(SessionView.of(session, service().mode(), false)), session);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MediaType.APPLICATION_JSON_TYPE.isCompatible(type)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
    }

    static Response withTag(Response.ResponseBuilder builder, Session session) {
        return builder.header(HttpHeaders.ETAG, EntityTags.of(session)).build();
    }
}
