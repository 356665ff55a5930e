package dev.sessionstate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.sessionstate.core.Lease;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A lease just taken or renewed, with the session's items when asked for (?include=items). */
@Schema(name = "Lease", description = "An exclusive lease on a session")
public record LeaseView(
        @Schema(
                description = "The lease's id, to send as Session-Lock on every write; ids only grow for a session, "
                        + "so they serve as fencing tokens",
                examples = "7")
        long lockId,

        Instant acquiredAt,

        @Schema(description = "When the lease stops holding the session unless renewed, judged by the service's clock")
        Instant expiresAt,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonRawValue
        @Schema(
                description = "All items, in insertion order; only with ?include=items",
                type = SchemaType.OBJECT,
                additionalProperties = Schema.True.class)
        String items) {

    static LeaseView of(Lease lease, String items) {
        return new LeaseView(
                lease.id(), LockView.millis(lease.acquiredAt()), LockView.millis(lease.expiresAt()), items);
    }
}
