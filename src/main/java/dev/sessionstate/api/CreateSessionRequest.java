package dev.sessionstate.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a create request, as documented. {@link SessionBodies} reads it from the raw body so
 * that item values keep their exact JSON text.
 */
@Schema(name = "CreateSessionRequest", description = "All members are optional.")
public record CreateSessionRequest(
        @Schema(description = "Idle timeout in seconds; default from configuration (20 minutes)", examples = "1200")
        Integer timeoutSeconds,

        @Schema(description = "Refuse item writes", defaultValue = "false")
        Boolean readOnly,

        @Schema(description = "Initial items: any JSON values under string keys, in order")
        Map<String, Object> items,

        @Schema(
                description = "Hard maximum lifetime in seconds, counted from creation however busy the session is;"
                        + " default from configuration (none)",
                examples = "43200")
        Integer maxLifetimeSeconds,

        @Schema(
                description = "The caller carries the session id in URLs rather than a cookie (ASP.NET IsCookieless)",
                defaultValue = "false")
        Boolean cookieless,

        @Schema(description = OwnerChecks.DOC, minLength = 1, maxLength = 256, examples = "user-42")
        String owner) {}
