package dev.sessionstate.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JAX-RS application: all resources, at the root path. It carries the OpenAPI document's
 * header, tags and the shared problem responses that operations refer to by name, since
 * SmallRye OpenAPI reads {@code @OpenAPIDefinition} only from an Application class.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Session state service",
                        version = "0.1.0",
                        contact = @Contact(name = "Session state service maintainers"),
                        description =
                                "Per-user session state kept outside the application: sessions with a sliding idle "
                                        + "timeout, and JSON items under string keys. Errors are RFC 9457 problem "
                                        + "documents."),
        tags = {
            @Tag(name = "Sessions", description = "Create, read, change and end sessions"),
            @Tag(name = "Items", description = "JSON values under string keys, in insertion order"),
            @Tag(
                    name = "Leases",
                    description = "Exclusive leases on sessions (GetItemExclusive), for callers that must "
                            + "read, decide and write as one step; If-Match is enough for most")
        },
        components =
                @Components(
                        responses = {
                            @APIResponse(
                                    name = "BadRequest",
                                    responseCode = "400",
                                    description = "Malformed JSON, an invalid key, parameter or header",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "NotFound",
                                    responseCode = "404",
                                    description =
                                            "No such session (never existed, expired or abandoned), item or index",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "ReadOnly",
                                    responseCode = "409",
                                    description = "The session is read-only",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "PreconditionFailed",
                                    responseCode = "412",
                                    description =
                                            "If-Match names another version, or If-None-Match: * met an existing item",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "Locked",
                                    responseCode = "423",
                                    description =
                                            "Another caller's lease holds the session, or the Session-Lock header "
                                                    + "names a lease "
                                                    + "that no longer holds it (expired, released or taken over); "
                                                    + "nothing was changed",
                                    headers =
                                            @Header(
                                                    name = "Retry-After",
                                                    description = "Seconds until the lease that holds the session "
                                                            + "expires, rounded up; absent when no lease holds it",
                                                    schema = @Schema(implementation = Integer.class)),
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = LockedProblem.class))),
                            @APIResponse(
                                    name = "TooLarge",
                                    responseCode = "413",
                                    description = "A value, the session or the request body is larger than its limit",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "UnsupportedMediaType",
                                    responseCode = "415",
                                    description = "The body is not JSON",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "Unprocessable",
                                    responseCode = "422",
                                    description = "A field is invalid, a value has another type, a counter overflows, "
                                            + "the JSON nests too deeply or the session would hold too many items",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "Unavailable",
                                    responseCode = "503",
                                    description = "The session store does not answer",
                                    headers =
                                            @Header(
                                                    name = "Retry-After",
                                                    description = "Seconds to wait before retrying",
                                                    schema = @Schema(implementation = Integer.class)),
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class))),
                            @APIResponse(
                                    name = "CapacityExhausted",
                                    responseCode = "507",
                                    description = "This instance holds as many sessions as it may",
                                    content =
                                            @Content(
                                                    mediaType = ProblemMapper.PROBLEM_JSON,
                                                    schema = @Schema(implementation = Problem.class)))
                        }))
public class SessionStateApplication extends Application {}
