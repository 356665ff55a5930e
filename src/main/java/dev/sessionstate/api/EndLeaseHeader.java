package dev.sessionstate.api;

import dev.sessionstate.core.Precondition;
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The lease header of a request that ends a session (DELETE and abandon), declared once as a {@code @BeanParam}: only
 * {@code Session-Lock}, since an ended session's lease goes with it; null when absent.
 */
public record EndLeaseHeader(
        @Parameter(description = SessionLocks.END_DOC, schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
        @HeaderParam(SessionLocks.HEADER)
        String lock) {

    Precondition precondition() {
        return SessionLocks.precondition(null, lock, null);
    }
}
