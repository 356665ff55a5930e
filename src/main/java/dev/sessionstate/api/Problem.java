package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document, the body of every error answer. */
@Schema(name = "Problem", description = "An RFC 9457 problem document (application/problem+json).")
public record Problem(
        @Schema(
                description = "Stable URI of the problem type",
                examples = "urn:session-state:problem:session-not-found")
        String type,

        @Schema(description = "Fixed, human-readable summary of the type", examples = "Session not found")
        String title,

        @Schema(description = "HTTP status code", examples = "404")
        int status,

        @Schema(description = "What went wrong in this request")
        String detail,

        @Schema(description = "Path of the request", examples = "/sessions/4qPz0cW3Q6mXyJ0e9VvB1w")
        String instance) {}
