package dev.sessionstate.api;

import dev.sessionstate.core.Precondition;
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The lease headers of a write, {@code Session-Lock} and {@code Session-Lock-Release} ({@link SessionLocks}),
 * declared once for the REST methods that take them as a {@code @BeanParam}, and for the OpenAPI document. Either
 * may be null (absent). {@link ItemRoutes} reads the same two headers from the Vert.x request.
 */
public record LeaseHeaders(
        @Parameter(description = SessionLocks.LOCK_DOC, schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
        @HeaderParam(SessionLocks.HEADER)
        String lock,

        @Parameter(description = SessionLocks.RELEASE_DOC, schema = @Schema(type = SchemaType.BOOLEAN))
        @HeaderParam(SessionLocks.RELEASE)
        String release) {

    /** The precondition of these headers and the write's {@code If-Match} (null when absent). */
    Precondition precondition(String ifMatch) {
        return SessionLocks.precondition(ifMatch, lock, release);
    }
}
