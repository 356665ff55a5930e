package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /events} over HTTP, read by a real SSE client: live events of the caller's
 * application only, as CloudEvents JSON with the event id as SSE id; replay after
 * {@code Last-Event-ID} (or {@code ?after=}) then live, nothing lost or repeated at the seam; a
 * gap event for an id the log never gave; keep-alive comments on an idle stream.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/events")
    URI events;

    @Inject
    EventLog log;

    @Test
    void anIdleStreamGetsKeepAliveCommentsAndTheEventStreamMediaType() {
        try (SseClient stream = SseClient.open(events, Map.of())) {
            assertEquals(200, stream.status());
            assertTrue(stream.response()
                    .headers()
                    .firstValue("content-type")
                    .orElseThrow()
                    .startsWith("text/event-stream"));
            SseClient.Frame first = stream.next();
            assertTrue(first.isComment(), () -> "expected a keep-alive comment, got " + first);
            assertTrue(stream.next().isComment());
        }
    }

    /**
     * The answer that OpenApiConformanceTest cannot drive (the stream does not end), checked against
     * the committed document: its status and media type. The body is a stream, not one document, so
     * the validator is told that a body it does not see is no mismatch.
     */
    @Test
    void theStreamsStatusAndMediaTypeAreWhatTheDocumentDeclares() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        Path.of("src/main/openapi/openapi.json")
                                .toAbsolutePath()
                                .toUri()
                                .toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.response.body.missing", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        try (SseClient stream = SseClient.open(events, Map.of("Last-Event-ID", "x"))) {
            String contentType =
                    stream.response().headers().firstValue("content-type").orElseThrow();
            SimpleResponse.Builder answer =
                    SimpleResponse.Builder.status(stream.status()).withContentType(contentType);
            stream.response().headers().map().forEach(answer::withHeader);
            ValidationReport report = validator.validateResponse("/events", Request.Method.GET, answer.build());
            assertFalse(report.hasErrors(), report::toString);
        }
    }

    @Test
    void liveEventsOfTheCallersApplicationArriveAsCloudEvents() throws Exception {
        try (SseClient stream = SseClient.open(events, Map.of())) {
            stream.next(); // a keep-alive: the stream listens
            append("other", "not-for-default");
            LoggedEvent ended = append("default", "S-" + UUID.randomUUID());

            SseClient.Frame frame = stream.nextEvent();
            assertEquals(ended.id(), frame.id());
            assertEquals(LoggedEvent.ENDED, frame.event());
            JsonNode event = JSON.readTree(frame.data());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals(ended.id(), event.get("id").asText());
            assertEquals("/applications/default", event.get("source").asText());
            assertEquals(LoggedEvent.ENDED, event.get("type").asText());
            assertEquals(ended.subject(), event.get("subject").asText());
            assertEquals("2026-11-30T10:15:30Z", event.get("time").asText());
            assertEquals("application/json", event.get("datacontenttype").asText());
            assertEquals("abandoned", event.get("data").get("reason").asText());
        }
    }

    @Test
    void lastEventIdReplaysWhatFollowsThenGoesLiveWithNothingRepeated() {
        LoggedEvent first = append("default", "A");
        LoggedEvent second = append("default", "B");
        append("other", "C");
        LoggedEvent third = append("default", "D");
        try (SseClient stream = SseClient.open(events, Map.of("Last-Event-ID", first.id()))) {
            assertEquals(second.id(), stream.nextEvent().id());
            assertEquals(third.id(), stream.nextEvent().id());
            LoggedEvent live = append("default", "E");
            assertEquals(live.id(), stream.nextEvent().id(), "the live event follows the replay, once");
        }
    }

    @Test
    void theAfterQueryParameterResumesLikeTheHeader() {
        LoggedEvent first = append("default", "A");
        LoggedEvent second = append("default", "B");
        try (SseClient stream = SseClient.open(URI.create(events + "?after=" + first.id()), Map.of())) {
            assertEquals(second.id(), stream.nextEvent().id());
        }
    }

    @Test
    void anIdTheLogNeverGaveOpensWithAGapEventThenEveryRetainedEvent() throws Exception {
        LoggedEvent retained = append("default", "G");
        try (SseClient stream = SseClient.open(events, Map.of("Last-Event-ID", "not-an-id-of-this-log"))) {
            SseClient.Frame gap = stream.nextEvent();
            assertEquals("dev.sessionstate.stream.gap", gap.event());
            assertNull(gap.id(), "a gap event leaves the client's Last-Event-ID as it was");
            JsonNode data = JSON.readTree(gap.data()).get("data");
            assertEquals("not-an-id-of-this-log", data.get("lastEventId").asText());
            assertEquals("unknown", data.get("reason").asText());
            SseClient.Frame next = stream.nextEvent();
            while (!retained.id().equals(next.id())) {
                next = stream.nextEvent();
            }
        }
    }

    @Test
    void anIdOlderThanTheRetentionOpensWithAnExpiredGapThenEveryRetainedEvent() throws Exception {
        LoggedEvent old = append("default", "old");
        LoggedEvent last = null;
        for (int i = 0; i < 10; i++) {
            last = append("default", "newer-" + i);
        }
        try (SseClient stream = SseClient.open(events, Map.of("Last-Event-ID", old.id()))) {
            SseClient.Frame gap = stream.nextEvent();
            assertEquals("dev.sessionstate.stream.gap", gap.event());
            assertEquals(
                    "expired",
                    JSON.readTree(gap.data()).get("data").get("reason").asText());
            SseClient.Frame next = stream.nextEvent();
            while (!last.id().equals(next.id())) {
                next = stream.nextEvent();
            }
        }
    }

    @Test
    void aSessionCreatedAndAbandonedOverHttpIsStreamed() throws Exception {
        try (SseClient stream = SseClient.open(events, Map.of())) {
            stream.next(); // a keep-alive: the stream listens
            String id = given().contentType(ContentType.JSON)
                    .body("{\"items\":{\"cart\":[1]}}")
                    .post("/sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            given().post("/sessions/{id}/abandon", id).then().statusCode(204);

            SseClient.Frame started = stream.nextEvent();
            assertEquals(LoggedEvent.STARTED, started.event());
            assertEquals(id, JSON.readTree(started.data()).get("subject").asText());
            SseClient.Frame ended = stream.nextEvent();
            assertEquals(LoggedEvent.ENDED, ended.event());
            JsonNode data = JSON.readTree(ended.data()).get("data");
            assertEquals("abandoned", data.get("reason").asText());
            assertEquals("[1]", data.get("items").get("cart").toString());
        }
    }

    @Test
    void aSessionRotatedOverHttpIsStreamedUnderItsNewIdNamingTheOld() throws Exception {
        try (SseClient stream = SseClient.open(events, Map.of())) {
            stream.next(); // a keep-alive: the stream listens
            String id = given().contentType(ContentType.JSON)
                    .body("{}")
                    .post("/sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String newId = given().post("/sessions/{id}/rotate", id)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            assertEquals(LoggedEvent.STARTED, stream.nextEvent().event());
            SseClient.Frame rotated = stream.nextEvent();
            assertEquals(LoggedEvent.ROTATED, rotated.event());
            JsonNode event = JSON.readTree(rotated.data());
            assertEquals(newId, event.get("subject").asText());
            assertEquals(id, event.get("data").get("previousId").asText());
            assertEquals("/applications/default", event.get("source").asText());
        }
    }

    private LoggedEvent append(String application, String subject) {
        return log.append(
                        LoggedEvent.ENDED,
                        application,
                        subject,
                        Instant.parse("2026-11-30T10:15:30Z"),
                        "{\"reason\":\"abandoned\",\"items\":{}}")
                .toCompletableFuture()
                .join();
    }
}
