package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many sessions an operation ended. */
@Schema(name = "Ended")
public record EndedView(
        @Schema(description = "Number of sessions ended", examples = "2")
        int ended) {}
