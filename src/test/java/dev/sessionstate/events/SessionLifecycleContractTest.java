package dev.sessionstate.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.Failures;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.LoggedEvent;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.UpdateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle events that a store's reports produce in its event log, through the same
 * {@link EventLogWriter}, run against every store by a small subclass: one event per start, one
 * per end, with the final items exactly as stored, however many ways and replicas end a session
 * at once, and one per id rotation that won, however many race.
 */
public abstract class SessionLifecycleContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SessionIds ids = new SessionIds();

    /** The replicas of the store (one for a store of one process), each reporting to the log. */
    protected abstract List<SessionStore> replicas();

    /** The event log the replicas write to. */
    protected abstract EventLog log();

    /** The time the store lives in. */
    protected abstract Instant now();

    /** Idle timeout of the sessions of these tests, in seconds. */
    protected abstract int timeoutSeconds();

    /** Ends {@code session} by expiry as the store does when nobody asks for it again (sweeper or reaper). */
    protected abstract void letExpire(Session session);

    /** How long to watch the log for a second end that must not come. */
    protected abstract Duration quietPeriod();

    @Test
    void aStartedEventNamesTheSessionAndItsStart() throws Exception {
        Session session = insert(Map.of());

        LoggedEvent started = single(session.id(), LoggedEvent.STARTED);
        assertEquals(session.createdAt(), started.time());
        assertEquals("default", started.application());
        JsonNode data = JSON.readTree(started.data());
        assertEquals(EventData.time(session.createdAt()), data.get("createdAt").asText());
        assertEquals(timeoutSeconds(), data.get("timeoutSeconds").asInt());
    }

    @Test
    void anAbandonedSessionEndsWithItsFinalItemsExactlyAsStored() throws Exception {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("cart", "{\"lines\":[1,2.50]}");
        items.put("n", "1.10");
        Session session = insert(items);
        store().update(
                        session.id(),
                        now(),
                        current -> new UpdateResult<>(
                                current.withItems(current.items().with("é \"q\"", "\"\\u00e9\"")), null))
                .toCompletableFuture()
                .join();

        assertTrue(store().delete(session.id(), now()).toCompletableFuture().join());

        LoggedEvent ended = single(session.id(), LoggedEvent.ENDED);
        assertTrue(
                ended.data()
                        .contains("\"items\":{\"cart\":{\"lines\":[1,2.50]},\"n\":1.10,\"é \\\"q\\\"\":\"\\u00e9\"}"),
                ended.data());
        JsonNode data = JSON.readTree(ended.data());
        assertEquals("abandoned", data.get("reason").asText());
        assertFalse(data.has("cause"));
        assertEquals(EventData.time(session.createdAt()), data.get("createdAt").asText());
        assertEquals(EventData.time(ended.time()), data.get("endedAt").asText());
        assertTrue(data.get("properties").has("commandParm"));
        assertFalse(ended.time().isBefore(session.createdAt()));
    }

    @Test
    void anIdleSessionExpiresAndEndsOnceWithItsItems() throws Exception {
        Session session = insert(Map.of("user", "\"ada\""));

        letExpire(session);

        LoggedEvent ended = single(session.id(), LoggedEvent.ENDED);
        JsonNode data = JSON.readTree(ended.data());
        assertEquals("expired", data.get("reason").asText());
        assertEquals("idle", data.get("cause").asText());
        assertTrue(ended.data().contains("\"items\":{\"user\":\"ada\"}"), ended.data());
        assertFalse(ended.time().isBefore(session.expiresAt()), "ended at " + ended.time());
        assertQuiet(session.id());
    }

    @Test
    void aSessionEndsAtItsMaximumLifetimeAndItsEndSaysSo() throws Exception {
        Session session = Session.create(ids.next(), now(), timeoutSeconds(), false, Items.EMPTY)
                .ownedBy(Session.DEFAULT_APPLICATION, null, 1);
        store().insert(session).toCompletableFuture().join();

        letExpire(session);

        JsonNode data = JSON.readTree(single(session.id(), LoggedEvent.ENDED).data());
        assertEquals("expired", data.get("reason").asText());
        assertEquals("max-lifetime", data.get("cause").asText());
    }

    @Test
    void abandonRacingExpiryOnEveryReplicaEndsOnce() throws Exception {
        Session session = insert(Map.of("k", "1"));
        Instant afterExpiry = session.expiresAt().plusSeconds(1);
        List<Callable<Object>> enders = new ArrayList<>();
        for (SessionStore replica : replicas()) {
            for (int i = 0; i < 3; i++) {
                enders.add(() -> replica.delete(session.id(), now())
                        .toCompletableFuture()
                        .join());
                enders.add(() -> replica.delete(session.id(), afterExpiry)
                        .toCompletableFuture()
                        .join());
            }
        }
        enders.add(() -> {
            letExpire(session);
            return null;
        });

        race(enders);

        LoggedEvent ended = single(session.id(), LoggedEvent.ENDED);
        String reason = JSON.readTree(ended.data()).get("reason").asText();
        assertTrue(reason.equals("abandoned") || reason.equals("expired"), reason);
        assertQuiet(session.id());
    }

    @Test
    void aRotationIsOneRotatedEventForTheNewIdNamingTheOldAfterTheStart() throws Exception {
        Session session = Session.create(ids.next(), now(), timeoutSeconds(), false, Items.EMPTY)
                .ownedBy("shop", "ada", 0);
        store().insert(session).toCompletableFuture().join();
        String newId = ids.next();
        Instant rotatedAt = now();

        Session moved = store().rotate(session.id(), newId, rotatedAt, current -> renamed(current, newId))
                .toCompletableFuture()
                .join();

        assertEquals(newId, moved.id());
        LoggedEvent rotated = single(newId, LoggedEvent.ROTATED);
        LoggedEvent started = single(session.id(), LoggedEvent.STARTED);
        assertTrue(rotated.sequence() > started.sequence(), started + " then " + rotated);
        assertEquals("shop", rotated.application());
        assertEquals(rotatedAt, rotated.time());
        JsonNode data = JSON.readTree(rotated.data());
        assertEquals(session.id(), data.get("previousId").asText());
        assertEquals("ada", data.get("owner").asText());
        assertEquals(EventData.time(session.createdAt()), data.get("createdAt").asText());
        assertEquals(EventData.time(rotatedAt), data.get("rotatedAt").asText());
        assertEquals(timeoutSeconds(), data.get("timeoutSeconds").asInt());
        assertTrue(data.get("properties").has("commandParm"));
        assertEquals(List.of(rotated), rotationsOf(session.id()));
        assertTrue(events(session.id(), LoggedEvent.ENDED).isEmpty(), "a rotation is not an end");
    }

    @Test
    void aRotationOfAnExpiredAbsentOrRefusedSessionIsNoRotatedEvent() throws Exception {
        Session expired = insert(Map.of());
        Session refused = insert(Map.of());
        String absent = ids.next();

        assertNotFound(rotate(expired.id(), expired.expiresAt().plusSeconds(1)));
        assertNotFound(rotate(absent, now()));
        CompletionStage<Session> refusal = store().rotate(refused.id(), ids.next(), now(), current -> {
            throw new SessionException(SessionException.Kind.PRECONDITION_FAILED, "refused");
        });
        assertEquals(SessionException.Kind.PRECONDITION_FAILED, failure(refusal).kind());

        single(expired.id(), LoggedEvent.ENDED);
        assertQuiet(() -> rotationsOf(expired.id()).isEmpty()
                && rotationsOf(absent).isEmpty()
                && rotationsOf(refused.id()).isEmpty());
    }

    @Test
    void rotationsRacingOnEveryReplicaAreOneRotatedEvent() throws Exception {
        Session session = insert(Map.of("k", "1"));
        List<String> newIds = new CopyOnWriteArrayList<>();
        List<String> moved = new CopyOnWriteArrayList<>();
        List<Callable<Object>> rotators = new ArrayList<>();
        for (SessionStore replica : replicas()) {
            for (int i = 0; i < 3; i++) {
                String newId = ids.next();
                newIds.add(newId);
                rotators.add(() -> {
                    try {
                        replica.rotate(session.id(), newId, now(), current -> renamed(current, newId))
                                .toCompletableFuture()
                                .join();
                        moved.add(newId);
                    } catch (CompletionException lost) {
                        SessionException cause = assertInstanceOf(SessionException.class, Failures.cause(lost));
                        assertEquals(SessionException.Kind.SESSION_NOT_FOUND, cause.kind());
                    }
                    return null;
                });
            }
        }

        race(rotators);

        assertEquals(1, moved.size(), "rotations that won: " + moved);
        String winner = moved.get(0);
        LoggedEvent rotated = single(winner, LoggedEvent.ROTATED);
        assertEquals(
                session.id(), JSON.readTree(rotated.data()).get("previousId").asText());
        assertQuiet(() -> rotationsOf(session.id()).size() == 1);
        for (String newId : newIds) {
            if (!newId.equals(winner)) {
                assertNotFound(store().update(newId, now(), current -> new UpdateResult<>(current, null)));
            }
        }
    }

    protected SessionStore store() {
        return replicas().get(0);
    }

    protected Session insert(Map<String, String> items) {
        Session session = Session.create(ids.next(), now(), timeoutSeconds(), false, Items.of(items));
        store().insert(session).toCompletableFuture().join();
        return session;
    }

    /** Waits for the one event of {@code type} about {@code subject}; fails if there are more. */
    private LoggedEvent single(String subject, String type) {
        // A read of the shared log may fail now and then while Hot Rod channels are closed under a
        // listener that another replica of these tests removed; the next read is what counts.
        return await()
                .ignoreExceptions()
                .atMost(Duration.ofSeconds(15))
                .until(() -> events(subject, type), found -> !found.isEmpty())
                .stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + type + " event: " + a + ", " + b);
                })
                .orElseThrow();
    }

    private void assertQuiet(String subject) throws Exception {
        assertQuiet(() -> events(subject, LoggedEvent.ENDED).size() == 1);
    }

    /** {@code holds} holds now and, for a store whose events come later, all through the quiet period. */
    private void assertQuiet(Callable<Boolean> holds) throws Exception {
        Duration quiet = quietPeriod();
        if (quiet.isZero()) {
            assertTrue(holds.call());
        } else {
            await().ignoreExceptions()
                    .during(quiet)
                    .atMost(quiet.plusSeconds(5))
                    .until(holds);
        }
    }

    /** The rotated events whose {@code data.previousId} is {@code previousId}. */
    private List<LoggedEvent> rotationsOf(String previousId) throws Exception {
        List<LoggedEvent> found = new ArrayList<>();
        for (LoggedEvent event : log().after(0, 100_000).toCompletableFuture().join()) {
            if (event.type().equals(LoggedEvent.ROTATED)
                    && JSON.readTree(event.data()).get("previousId").asText().equals(previousId)) {
                found.add(event);
            }
        }
        return found;
    }

    private CompletionStage<Session> rotate(String id, Instant now) {
        String newId = ids.next();
        return store().rotate(id, newId, now, current -> renamed(current, newId));
    }

    private static void assertNotFound(CompletionStage<?> stage) {
        assertEquals(SessionException.Kind.SESSION_NOT_FOUND, failure(stage).kind());
    }

    /** The refusal that {@code stage} fails with. */
    private static SessionException failure(CompletionStage<?> stage) {
        CompletionException thrown = assertThrows(
                CompletionException.class, () -> stage.toCompletableFuture().join());
        return assertInstanceOf(SessionException.class, Failures.cause(thrown));
    }

    /** The session as the service moves it: everything kept, under {@code newId}. */
    private static Session renamed(Session s, String newId) {
        return new Session(
                newId,
                s.application(),
                s.owner(),
                s.createdAtMillis(),
                s.lastAccessedAtMillis(),
                s.timeoutSeconds(),
                s.maxLifetimeSeconds(),
                s.readOnly(),
                s.properties(),
                s.items(),
                s.version(),
                s.lease(),
                s.fence());
    }

    private List<LoggedEvent> events(String subject, String type) {
        return log().after(0, 100_000).toCompletableFuture().join().stream()
                .filter(e -> e.subject().equals(subject) && e.type().equals(type))
                .toList();
    }

    private static void race(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> done = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                done.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Object> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
