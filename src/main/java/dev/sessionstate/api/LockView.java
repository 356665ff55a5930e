package dev.sessionstate.api;

import dev.sessionstate.core.Lease;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The lease that holds a session, as a read reports it. Times are RFC 3339 in UTC, to the millisecond. */
@Schema(name = "Lock", description = "The exclusive lease that holds the session")
public record LockView(
        @Schema(description = "The lease's id, to send as Session-Lock; ids only grow for a session", examples = "7")
        long lockId,

        Instant acquiredAt,

        @Schema(description = "When the lease stops holding the session, judged by the service's clock")
        Instant expiresAt) {

    /** The view of {@code lease}, or null for none. */
    static LockView of(Lease lease) {
        return lease == null ? null : new LockView(lease.id(), millis(lease.acquiredAt()), millis(lease.expiresAt()));
    }

    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
