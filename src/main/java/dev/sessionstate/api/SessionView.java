package dev.sessionstate.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sessionstate.core.Session;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session as the API shows it. Times are RFC 3339 in UTC, to the millisecond. */
@Schema(name = "Session", description = "A session: its identity, expiry, settings and properties.")
public record SessionView(
        @Schema(
                description = "Unguessable session id (128 random bits, base64url)",
                examples = "4qPz0cW3Q6mXyJ0e9VvB1w")
        String id,

        Instant createdAt,

        @Schema(description = "Last time a request named this session", ref = "Instant")
        Instant lastAccessedAt,

        @Schema(
                description = "When the session expires unless a request names it before: the earlier of"
                        + " idleExpiresAt and absoluteExpiresAt",
                ref = "Instant")
        Instant expiresAt,

        @Schema(
                description = "When the idle timeout ends the session unless a request names it before",
                ref = "Instant")
        Instant idleExpiresAt,

        @Schema(
                description = "When the maximum lifetime ends the session however busy it is; null when it has none",
                type = SchemaType.STRING,
                format = "date-time",
                nullable = true)
        Instant absoluteExpiresAt,

        @Schema(description = "Sliding idle timeout in seconds", examples = "1200")
        int timeoutSeconds,

        @Schema(description = "Hard maximum lifetime in seconds from creation; null when it has none", nullable = true)
        Integer maxLifetimeSeconds,

        @JsonProperty("isNew") @Schema(description = "True only in the response that created the session")
        boolean isNew,

        @Schema(description = "When true, item writes are refused with 409")
        boolean readOnly,

        @Schema(description = "Number of items") int count,

        @Schema(description = "UTF-8 size of all keys and values, the measure of the session size limit")
        int bytes,

        @Schema(description = "The store that serves this session", examples = "memory")
        String mode,

        @Schema(description = "Caller-defined command parameter (ASNA JobSession.CommandParm)", nullable = true)
        String commandParm,

        @Schema(description = "Caller-defined locale id", nullable = true)
        Integer lcid,

        @Schema(description = "Caller-defined code page", nullable = true)
        Integer codePage,

        @Schema(description = "The caller carries the session id in URLs rather than a cookie (ASP.NET IsCookieless)")
        boolean cookieless,

        @Schema(description = "The exclusive lease that holds the session, or null", nullable = true)
        LockView lock,

        @Schema(description = "Whose session it is, as given at create, or null", nullable = true)
        String owner) {

    public static SessionView of(Session s, String mode, boolean isNew) {
        return new SessionView(
                s.id(),
                millis(s.createdAt()),
                millis(s.lastAccessedAt()),
                millis(s.expiresAt()),
                millis(s.idleExpiresAt()),
                s.absoluteExpiresAt() == null ? null : millis(s.absoluteExpiresAt()),
                s.timeoutSeconds(),
                s.maxLifetimeSeconds() == 0 ? null : s.maxLifetimeSeconds(),
                isNew,
                s.readOnly(),
                s.items().size(),
                s.items().bytes(),
                mode,
                s.properties().commandParm(),
                s.properties().lcid(),
                s.properties().codePage(),
                s.properties().cookieless(),
                // Every answer that shows a session touched it at the time of the request.
                LockView.of(s.leaseAt(s.lastAccessedAt())),
                s.owner());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
