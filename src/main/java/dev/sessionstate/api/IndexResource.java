package dev.sessionstate.api;

import static dev.sessionstate.api.SessionResource.withTag;

import dev.sessionstate.core.ItemService;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Items by position in insertion order, as HttpSessionState's Item[Int32] and RemoveAt(Int32). */
@Path("/sessions/{id}/index/{index}")
@Tag(name = "Items")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    private final Callers callers;
    private final JsonBodies bodies;

    public IndexResource(Callers callers, JsonBodies bodies) {
        this.callers = callers;
        this.bodies = bodies;
    }

    /** The caller's application's item service. */
    private ItemService service() {
        return callers.services().items();
    }

    @GET
    @Operation(
            operationId = "getItemAt",
            summary = "Read the item at a position",
            description = "The key and value of the item at a zero-based position in insertion order.")
    @APIResponse(
            responseCode = "200",
            description = "The item's key and value",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The session's version",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = IndexedItem.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> get(
            @PathParam("id") String id,
            @Parameter(
                            description = "Zero-based position",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    @PathParam("index")
                    String index) {
        return service()
                .itemAt(id, parse(index))
                .thenApply(read -> withTag(
                        Response.ok(JsonTexts.entry(
                                read.result().getKey(), read.result().getValue())),
                        read.session()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "setItemAt",
            summary = "Replace the value at a position",
            description = "The key and position stay.")
    @RequestBody(content = @Content(schema = @Schema(description = "Any JSON value")))
    @APIResponse(
            responseCode = "204",
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
    public CompletionStage<Response> set(
            @PathParam("id") String id,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("index") String index,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @BeanParam LeaseHeaders lease,
            byte[] body) {
        return service()
                .setItemAt(id, parse(index), bodies.value(body), lease.precondition(ifMatch))
                .thenApply(session -> withTag(Response.noContent(), session));
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON})
    @Operation(
            operationId = "removeItemAt",
            summary = "Remove the item at a position",
            description = "Removes the item at a zero-based position; the items after it move up.")
    @APIResponse(
            responseCode = "204",
            description = "Removed",
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
    public CompletionStage<Response> remove(
            @PathParam("id") String id,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("index") String index,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @BeanParam LeaseHeaders lease) {
        return service()
                .removeItemAt(id, parse(index), lease.precondition(ifMatch))
                .thenApply(session -> withTag(Response.noContent(), session));
    }

    private static int parse(String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new ProblemException(
                    ProblemType.INVALID_PARAMETER, "The index must be an integer; got '" + index + "'.");
        }
    }

    /** The answer of {@link #get}: the key and value at a position. */
    @Schema(name = "IndexedItem")
    public record IndexedItem(
            String key,
            @Schema(description = "Any JSON value") Object value) {}
}
