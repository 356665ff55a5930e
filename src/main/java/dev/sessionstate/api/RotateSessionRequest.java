package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a rotate request, as documented; {@link SessionBodies} reads it. */
@Schema(name = "RotateSessionRequest", description = "All members are optional; no body is the same as {}.")
public record RotateSessionRequest(
        @Schema(
                description = OwnerChecks.DOC + ". Given to a session without owner (within the owner's limit, as"
                        + " at create); the session's own owner changes nothing; another owner is refused",
                minLength = 1,
                maxLength = 256,
                examples = "user-42")
        String owner) {}
