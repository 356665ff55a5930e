package dev.sessionstate.api;

import dev.sessionstate.core.Session;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One live session of an owner, as {@code GET /sessions?owner=} lists it. */
@Schema(name = "OwnedSession", description = "A live session of the owner: its id and times.")
public record OwnedSessionView(
        @Schema(description = "The session id", examples = "4qPz0cW3Q6mXyJ0e9VvB1w")
        String id,

        @Schema(ref = "Instant") Instant createdAt,

        @Schema(description = "Last time a request named this session", ref = "Instant")
        Instant lastAccessedAt,

        @Schema(description = "When the session expires unless a request names it before", ref = "Instant")
        Instant expiresAt) {

    static OwnedSessionView of(Session s) {
        return new OwnedSessionView(
                s.id(),
                s.createdAt().truncatedTo(ChronoUnit.MILLIS),
                s.lastAccessedAt().truncatedTo(ChronoUnit.MILLIS),
                s.expiresAt().truncatedTo(ChronoUnit.MILLIS));
    }
}
