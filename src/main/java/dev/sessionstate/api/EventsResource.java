package dev.sessionstate.api;

import dev.sessionstate.config.SessionsConfig;
import dev.sessionstate.events.EventFeed;
import dev.sessionstate.events.StreamItem;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The stream of session lifecycle events (Server-Sent Events), of the caller's application only. */
@Path("/events")
@Tag(name = "Events")
public class EventsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventFeed feed;
    private final boolean enabled;
    private final Callers callers;

    public EventsResource(EventFeed feed, SessionsConfig config, Callers callers) {
        this.feed = feed;
        this.enabled = config.events().enabled();
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents", summary = "Stream session events", description = EventsDocument.STREAM)
    @APIResponse(
            responseCode = "200",
            description = "The stream; it stays open, and ends only when the connection or the service does",
            content =
                    @Content(
                            mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            description = EventsDocument.FRAMES,
                                            contentMediaType = "application/cloudevents+json",
                                            contentSchema = SessionEventView.class),
                            examples = @ExampleObject(name = "started", value = EventsDocument.EXAMPLE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Multi<OutboundSseEvent> stream(
            @Parameter(
                            description = "The id of the last event received: the stream replays every retained event "
                                    + "after it first. Taken over the after query parameter.")
                    @HeaderParam(LAST_EVENT_ID)
                    String lastEventId,
            @Parameter(description = "Like Last-Event-ID, for clients that cannot set headers") @QueryParam("after")
                    String after,
            @Context Sse sse,
            @Context RoutingContext request) {
        if (!enabled) {
            throw new ProblemException(
                    ProblemType.EVENTS_DISABLED, "Events are off in this deployment (sessions.events.enabled).");
        }
        String resumeAfter = blank(lastEventId) ? (blank(after) ? null : after) : lastEventId;
        return feed.subscribe(callers.application(request), resumeAfter).map(item -> frame(sse, item));
    }

    private static OutboundSseEvent frame(Sse sse, StreamItem item) {
        if (item.isComment()) {
            return sse.newEventBuilder().comment(item.comment()).build();
        }
        OutboundSseEvent.Builder event = sse.newEventBuilder()
                .name(item.name())
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(item.data());
        return item.id() == null ? event.build() : event.id(item.id()).build();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
