package dev.sessionstate.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One event of {@code GET /events} and of webhooks: CloudEvents 1.0 in structured mode (the OpenAPI
 * schema only; events are written by {@code CloudEventJson}).
 */
@Schema(name = "SessionEvent", description = "A CloudEvents 1.0 event in JSON (structured mode)")
public record SessionEventView(
        @Schema(required = true, enumeration = "1.0") String specversion,

        @Schema(
                required = true,
                description = "Unique and stable across redeliveries: the SSE id and the webhook-id. "
                        + "A gap event's id is new each time.")
        String id,

        @Schema(required = true, description = "/applications/<application>", examples = "/applications/default")
        String source,

        @Schema(
                required = true,
                enumeration = {
                    "dev.sessionstate.session.started",
                    "dev.sessionstate.session.ended",
                    "dev.sessionstate.session.rotated",
                    "dev.sessionstate.stream.gap"
                },
                description = "Other types may be added; skip those you do not know.")
        String type,

        @Schema(description = "The session id, the new one on session.rotated (none on a gap event)")
        String subject,

        @Schema(required = true, format = "date-time", description = "When it happened")
        String time,

        @Schema(required = true, enumeration = "application/json")
        String datacontenttype,

        @Schema(
                required = true,
                description = "By type. session.ended: reason (abandoned, expired...), the session's "
                        + "properties and final items, createdAt, endedAt. session.rotated: previousId (the id "
                        + "the session had), createdAt, rotatedAt, owner, timeoutSeconds, readOnly, properties. "
                        + "stream.gap: lastEventId (as the "
                        + "client sent it) and reason (expired: older than the retention; unknown: never "
                        + "given by this cluster's log); every retained event follows.")
        Map<String, Object> data) {}
