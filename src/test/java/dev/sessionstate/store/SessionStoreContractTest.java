package dev.sessionstate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Lease;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.UpdateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SessionStore}, run against every store by a one-line subclass. Time is
 * passed to the store explicitly, so expiry is tested without waiting.
 */
public abstract class SessionStoreContractTest {

    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final int TIMEOUT = 60;

    protected final RecordingEvents events = new RecordingEvents();
    protected SessionStore store;
    private final SessionIds ids = new SessionIds();

    /** A fresh, empty store that reports to {@code events}. */
    protected abstract SessionStore createStore(SessionEvents events);

    @BeforeEach
    void open() {
        store = createStore(events);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void insertedSessionIsReadBackWithItemsInOrder() {
        Session session = newSession(Items.of(orderedItems()));
        join(store.insert(session));

        UpdateResult<Session> read =
                join(store.update(session.id(), T0, current -> new UpdateResult<>(current, current)));

        assertEquals(session.id(), read.result().id());
        assertEquals(List.of("z", "a", "m"), read.result().items().keys());
        assertEquals("{\"n\":1.10}", read.result().items().get("a"));
        assertEquals(1, read.result().version());
    }

    @Test
    void updateStoresTheNewSessionAndReturnsItsResult() {
        Session session = insert();
        UpdateResult<String> change = join(store.update(
                session.id(),
                T0,
                current -> new UpdateResult<>(current.withItems(current.items().with("k", "\"v\"")), "done")));

        assertEquals("done", change.result());
        Session stored = read(session.id(), T0);
        assertEquals("\"v\"", stored.items().get("k"));
        assertEquals(2, stored.version());
    }

    @Test
    void updateOfUnknownSessionFailsWithNotFound() {
        assertRefused(
                SessionException.Kind.SESSION_NOT_FOUND,
                () -> join(store.update(ids.next(), T0, current -> new UpdateResult<>(current, null))));
    }

    @Test
    void refusedUpdateLeavesSessionUnchanged() {
        Session session = insert();
        assertRefused(
                SessionException.Kind.READ_ONLY,
                () -> join(store.update(session.id(), T0, current -> {
                    throw new SessionException(SessionException.Kind.READ_ONLY, "no");
                })));
        assertEquals(1, read(session.id(), T0).version());
        assertTrue(read(session.id(), T0).items().asMap().isEmpty());
    }

    @Test
    void sessionExpiresOnceItsIdleTimeoutHasPassed() {
        Session session = insert();
        Instant justBefore = T0.plusSeconds(TIMEOUT).minusMillis(1);
        assertEquals(session.id(), read(session.id(), justBefore).id());

        assertRefused(SessionException.Kind.SESSION_NOT_FOUND, () -> read(session.id(), T0.plusSeconds(TIMEOUT)));
        assertEquals(List.of(EndReason.EXPIRED), events.ended());
    }

    @Test
    void touchingSlidesTheExpiry() {
        Session session = insert();
        Instant later = T0.plusSeconds(TIMEOUT - 1);
        join(store.update(session.id(), later, current -> new UpdateResult<>(current.touchedAt(later), null)));

        Instant afterFirstTimeout = T0.plusSeconds(TIMEOUT + 30);
        assertEquals(session.id(), read(session.id(), afterFirstTimeout).id());
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        Session session = insert();
        assertTrue(join(store.delete(session.id(), T0)));
        assertFalse(join(store.delete(session.id(), T0)));
        assertFalse(join(store.delete(ids.next(), T0)));
        assertRefused(SessionException.Kind.SESSION_NOT_FOUND, () -> read(session.id(), T0));
        assertEquals(List.of(EndReason.ABANDONED), events.ended());
    }

    @Test
    void deleteOfExpiredSessionReportsExpiryNotAbandon() {
        Session session = insert();
        assertFalse(join(store.delete(session.id(), T0.plusSeconds(TIMEOUT + 1))));
        assertEquals(List.of(EndReason.EXPIRED), events.ended());
    }

    @Test
    void countFollowsInsertsAndDeletes() {
        long before = join(store.count());
        Session a = insert();
        insert();
        assertEquals(before + 2, join(store.count()));
        join(store.delete(a.id(), T0));
        assertEquals(before + 1, join(store.count()));
    }

    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        Session session = insert();
        int writers = 8;
        int incrementsEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String own = "writer-" + w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < incrementsEach; i++) {
                    join(store.update(session.id(), T0, current -> {
                        Items items = current.items();
                        long shared = Long.parseLong(items.contains("n") ? items.get("n") : "0");
                        long mine = Long.parseLong(items.contains(own) ? items.get(own) : "0");
                        Items next = items.with("n", Long.toString(shared + 1)).with(own, Long.toString(mine + 1));
                        return new UpdateResult<>(current.withItems(next), null);
                    }));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Session result = read(session.id(), T0);
        assertEquals(
                Long.toString((long) writers * incrementsEach), result.items().get("n"));
        for (int w = 0; w < writers; w++) {
            assertEquals(Integer.toString(incrementsEach), result.items().get("writer-" + w));
        }
        assertEquals(1 + (long) writers * incrementsEach, result.version());
    }

    @Test
    void aLeaseChangeAloneIsStoredWithoutANewVersion() {
        Session session = insert();
        Lease lease = new Lease(1, T0, T0.plusSeconds(30));
        join(store.update(session.id(), T0, current -> new UpdateResult<>(current.withLease(lease), null)));

        Session leased = read(session.id(), T0);
        assertEquals(lease, leased.lease());
        assertEquals(1, leased.fence());
        assertEquals(1, leased.version());

        join(store.update(session.id(), T0, current -> new UpdateResult<>(current.withoutLease(), null)));
        Session released = read(session.id(), T0);
        assertNull(released.lease());
        assertEquals(1, released.fence(), "the fence outlives the lease");
    }

    @Test
    void deleteWhoseCheckRefusesRemovesNothing() {
        Session session = insert();
        assertRefused(
                SessionException.Kind.SESSION_LOCKED,
                () -> join(store.delete(session.id(), T0, current -> {
                    throw SessionException.locked(null, T0, "no");
                })));

        assertEquals(session.id(), read(session.id(), T0).id());
        assertEquals(List.of(), events.ended());
        assertTrue(join(store.delete(session.id(), T0, current -> assertEquals(session.id(), current.id()))));
        assertEquals(List.of(EndReason.ABANDONED), events.ended());
    }

    @Test
    void concurrentAcquirersOfALeaseExactlyOneWins() throws Exception {
        Session session = insert();
        int acquirers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(acquirers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> won = new ArrayList<>();
        for (int a = 0; a < acquirers; a++) {
            won.add(pool.submit(() -> {
                start.await();
                try {
                    join(store.update(session.id(), T0, current -> {
                        if (current.leaseAt(T0) != null) {
                            throw SessionException.locked(current.lease(), T0, "taken");
                        }
                        return new UpdateResult<>(
                                current.withLease(new Lease(current.fence() + 1, T0, T0.plusSeconds(30))), null);
                    }));
                    return true;
                } catch (CompletionException lost) {
                    assertSame(SessionException.Kind.SESSION_LOCKED, ((SessionException) lost.getCause()).kind());
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : won) {
            winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(1, winners);
        assertEquals(1, read(session.id(), T0).lease().id());
    }

    @Test
    void isAvailableWhileOpen() {
        assertTrue(join(store.isAvailable()));
    }

    protected Session insert() {
        Session session = newSession(Items.EMPTY);
        join(store.insert(session));
        return session;
    }

    protected Session newSession(Items items) {
        return Session.create(ids.next(), T0, TIMEOUT, false, items);
    }

    protected Session read(String id, Instant now) {
        return join(store.update(id, now, current -> new UpdateResult<>(current, null)))
                .session();
    }

    private static Map<String, String> orderedItems() {
        var items = new java.util.LinkedHashMap<String, String>();
        items.put("z", "1");
        items.put("a", "{\"n\":1.10}");
        items.put("m", "[\"x\"]");
        return items;
    }

    protected static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    protected static void assertRefused(SessionException.Kind kind, Runnable action) {
        try {
            action.run();
        } catch (CompletionException e) {
            SessionException refusal = assertInstanceOf(SessionException.class, e.getCause());
            assertSame(kind, refusal.kind());
            return;
        } catch (SessionException e) {
            assertSame(kind, e.kind());
            return;
        }
        throw new AssertionError("expected " + kind);
    }

    /** Records the ends of sessions in order; creations are the service's to report, not a store's. */
    protected static final class RecordingEvents implements SessionEvents {
        private final List<EndReason> ended = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void started(Session session) {}

        @Override
        public void ended(Session finalState, EndReason reason, Instant endedAt) {
            ended.add(reason);
        }

        public List<EndReason> ended() {
            return List.copyOf(ended);
        }
    }
}
