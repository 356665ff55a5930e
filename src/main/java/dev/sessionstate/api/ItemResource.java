package dev.sessionstate.api;

import static dev.sessionstate.api.SessionResource.MERGE_PATCH_JSON;
import static dev.sessionstate.api.SessionResource.withTag;

import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.ValueType;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Items of a session: any JSON value under a string key.
 *
 * <p>Where a request is answered: the usual GET and PUT of one item (no query string, no
 * percent-encoded path, JSON accepted, and for PUT a UTF-8 JSON body of known length) are
 * answered by the plain Vert.x routes of {@link ItemRoutes}, which call the same services and
 * {@link ItemWrites}; {@link #get} and {@link #put} answer the rest (typed access, content
 * negotiation, chunked bodies) and define both operations in the OpenAPI document. Every other
 * operation is answered here. {@link RequestChecks} runs before both.
 */
@Path("/sessions/{id}/items")
@Tag(name = "Items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    private static final String TYPE =
            "Refuse (422) a value of another type: int32 (a JSON integer from -2^31 to 2^31-1) or string";

    private final Callers callers;
    private final JsonBodies bodies;
    private final ItemWrites writes;

    public ItemResource(Callers callers, JsonBodies bodies, ItemWrites writes) {
        this.callers = callers;
        this.bodies = bodies;
        this.writes = writes;
    }

    /** The caller's application's item service. */
    private ItemService service() {
        return callers.services().items();
    }

    @GET
    @Operation(
            operationId = "getItems",
            summary = "Read all items",
            description = "All items as one JSON object, in insertion order.")
    @APIResponse(
            responseCode = "200",
            description = "The items",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> all(@PathParam("id") String id) {
        return callers.services()
                .sessions()
                .read(id)
                .thenApply(session ->
                        withTag(Response.ok(JsonTexts.object(session.items().asMap())), session));
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "clearItems",
            summary = "Remove all items",
            description = "Removes every item; the session stays.")
    @APIResponse(
            responseCode = "204",
            description = "Cleared",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's new version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "ReadOnly")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> clear(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @BeanParam LeaseHeaders lease) {
        return service()
                .clearItems(id, lease.precondition(ifMatch))
                .thenApply(session -> withTag(Response.noContent(), session));
    }

    @PATCH
    @Consumes({MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "patchItems",
            summary = "Set and remove several items at once",
            description =
                    "A JSON merge patch of the items, applied atomically: a member sets that item, null removes it.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MERGE_PATCH_JSON,
                            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class),
                            examples =
                                    @ExampleObject(
                                            name = "setAndRemove",
                                            summary = "Set qty in cart, remove coupon",
                                            value = "{\"cart\":{\"sku\":\"A-1\",\"qty\":3},\"coupon\":null}")))
    @APIResponse(
            responseCode = "204",
            description = "Applied",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's new version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "ReadOnly")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> patch(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @BeanParam LeaseHeaders lease,
            byte[] body) {
        Map<String, String> patch = new LinkedHashMap<>();
        bodies.object(body).forEach((key, json) -> patch.put(key, json.equals("null") ? null : json));
        return service()
                .patchItems(id, patch, lease.precondition(ifMatch))
                .thenApply(session -> withTag(Response.noContent(), session));
    }

    @GET
    @Path("{key}")
    @Operation(operationId = "getItem", summary = "Read an item", description = "The value exactly as stored.")
    @APIResponse(
            responseCode = "200",
            description = "The value",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(description = "Any JSON value")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<RestResponse<byte[]>> get(
            @PathParam("id") String id,
            @PathParam("key") String key,
            @Parameter(
                            description = TYPE,
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"int32", "string"}))
                    @QueryParam("type")
                    String type) {
        // A typed RestResponse lets Quarkus REST choose the body writer at build time, and bytes go to the
        // connection as they are, where a String would pass through the JSON writer's output stream.
        return service()
                .item(id, key, ValueTypes.parse(type))
                .thenApply(read -> RestResponse.ResponseBuilder.ok(
                                read.result().getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.ETAG, EntityTags.of(read.session()))
                        .build());
    }

    @HEAD
    @Path("{key}")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "itemExists",
            summary = "Test whether an item exists",
            description = "200 when the session holds the key, 404 otherwise. Also resets the idle timer.")
    @APIResponse(
            responseCode = "200",
            description = "The item exists",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "An invalid key")
    @APIResponse(responseCode = "404", description = "No such session or item")
    @APIResponse(
            responseCode = "503",
            description = "The session store does not answer",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds to wait before retrying",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int32")))
    public CompletionStage<Response> exists(@PathParam("id") String id, @PathParam("key") String key) {
        return service().item(id, key, ValueType.ANY).thenApply(read -> withTag(Response.ok(), read.session()));
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "putItem",
            summary = "Store an item",
            description = "Stores any JSON value; a replaced key keeps its position.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(description = "Any JSON value"),
                            examples = {
                                @ExampleObject(name = "object", value = "{\"sku\":\"A-1\",\"qty\":2}"),
                                @ExampleObject(name = "number", value = "42"),
                                @ExampleObject(name = "string", value = "en-GB")
                            }))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            headers = {
                @Header(name = "Location", description = "URI of the item", schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "ETag",
                        description = "The session's new version",
                        schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "200",
            description = "Replaced",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's new version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "ReadOnly")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> put(
            @PathParam("id") String id,
            @PathParam("key") String key,
            @Parameter(
                            description = TYPE,
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"int32", "string"}))
                    @QueryParam("type")
                    String type,
            @Parameter(description = "Apply only if the session is at this version") @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Parameter(description = "* to create the item only if it does not exist")
                    @HeaderParam(HttpHeaders.IF_NONE_MATCH)
                    String ifNoneMatch,
            @BeanParam LeaseHeaders lease,
            UriInfo uri,
            byte[] body) {
        return writes.put(
                        service(),
                        id,
                        key,
                        ValueTypes.parse(type),
                        new ItemWrites.Headers(ifMatch, ifNoneMatch, lease),
                        body,
                        uri.getAbsolutePath()::toString)
                .thenApply(written -> Response.status(written.status())
                        .header(HttpHeaders.LOCATION, written.location())
                        .header(HttpHeaders.ETAG, written.etag())
                        .build());
    }

    @DELETE
    @Path("{key}")
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "removeItem",
            summary = "Remove an item",
            description = "Also answers 204 when the item was absent.")
    @APIResponse(
            responseCode = "204",
            description = "Removed",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "ReadOnly")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> remove(
            @PathParam("id") String id,
            @PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @BeanParam LeaseHeaders lease) {
        return service()
                .removeItem(id, key, lease.precondition(ifMatch))
                .thenApply(session -> withTag(Response.noContent(), session));
    }

    @POST
    @Path("{key}/increment")
    @Operation(
            operationId = "incrementItem",
            summary = "Add to a counter atomically",
            description = "The item must hold an integer; an absent item counts as 0. The value is a 64-bit integer: "
                    + "JavaScript's JSON.parse loses precision beyond 2^53, so read it as a string or BigInt "
                    + "(json-bigint) there.")
    @APIResponse(
            responseCode = "200",
            description = "The new value",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's new version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = CounterView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "ReadOnly")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "423", ref = "Locked")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> increment(
            @PathParam("id") String id,
            @PathParam("key") String key,
            @Parameter(
                            description =
                                    "What to add, a 64-bit integer; default 1. In JavaScript, pass it as a string or "
                                            + "BigInt beyond 2^53",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @QueryParam("delta")
                    String delta,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @BeanParam LeaseHeaders lease) {
        return service()
                .increment(id, key, parseDelta(delta), lease.precondition(ifMatch))
                .thenApply(counted -> withTag(Response.ok(new CounterView(counted.result())), counted.session()));
    }

    private static long parseDelta(String delta) {
        if (delta == null) {
            return 1;
        }
        try {
            return Long.parseLong(delta);
        } catch (NumberFormatException e) {
            throw new ProblemException(
                    ProblemType.INVALID_PARAMETER, "delta must be a 64-bit integer; got '" + delta + "'.");
        }
    }
}
