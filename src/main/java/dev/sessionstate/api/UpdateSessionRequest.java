package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a session merge patch, as documented; {@link SessionBodies} reads it. A member left
 * out is unchanged; null resets it.
 */
@Schema(name = "UpdateSessionRequest", description = "A JSON merge patch: members left out stay; null resets a member.")
public record UpdateSessionRequest(
        @Schema(description = "Idle timeout in seconds", nullable = true)
        Integer timeoutSeconds,

        @Schema(description = "Refuse item writes", nullable = true)
        Boolean readOnly,

        @Schema(description = "Command parameter, at most 1024 characters", nullable = true)
        String commandParm,

        @Schema(description = "Locale id, not negative", nullable = true)
        Integer lcid,

        @Schema(description = "Code page, 0 to 65535", nullable = true)
        Integer codePage,

        @Schema(
                description = "Hard maximum lifetime in seconds from creation: may only be lowered, to more than the"
                        + " session's age; null is refused")
        Integer maxLifetimeSeconds,

        @Schema(description = "The caller carries the session id in URLs rather than a cookie", nullable = true)
        Boolean cookieless) {}
