package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The problem document of a write refused by a lease that another caller holds (423). */
@Schema(
        name = "LockedProblem",
        description = "A session-locked problem document, with the lease that holds the session "
                + "(both members are absent when the write named a lease that no longer holds it and none does).")
public record LockedProblem(
        @Schema(description = "Stable URI of the problem type", examples = "urn:session-state:problem:session-locked")
        String type,

        @Schema(description = "Fixed, human-readable summary of the type", examples = "Session locked")
        String title,

        @Schema(description = "HTTP status code", examples = "423")
        int status,

        @Schema(description = "What went wrong in this request")
        String detail,

        @Schema(description = "Path of the request", examples = "/sessions/4qPz0cW3Q6mXyJ0e9VvB1w")
        String instance,

        @Schema(description = "Id of the lease that holds the session", examples = "7")
        long lockId,

        @Schema(description = "Seconds since that lease was acquired", examples = "3")
        long lockAge) {}
