package dev.sessionstate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A limit on the live sessions of one application ({@code sessions.applications.<app>.max-sessions}),
 * run against every store by a small subclass: creates beyond it are refused, concurrent creates do
 * not pass it, and every way a session goes gives its place back exactly once.
 */
public abstract class ApplicationLimitContractTest {

    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final int TIMEOUT = 60;

    /** Fresh names, since a shared store may keep counts across test runs. */
    protected final String capped = "capped-" + UUID.randomUUID();

    private final String free = "free-" + UUID.randomUUID();
    private final SessionIds ids = new SessionIds();
    private final List<SessionStore> opened = new ArrayList<>();

    /** A store where {@code application} may hold at most {@code max} live sessions. */
    protected abstract SessionStore createStore(String application, long max, SessionEvents events);

    protected SessionStore store(long max) {
        SessionStore store = createStore(capped, max, new SessionEvents() {
            @Override
            public void started(Session session) {}

            @Override
            public void ended(Session finalState, EndReason reason, Instant endedAt) {}
        });
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() {
        opened.forEach(SessionStore::close);
    }

    protected Session session(String application, Instant at) {
        return Session.create(ids.next(), at, TIMEOUT, false, Items.EMPTY).ownedBy(application, null, 0);
    }

    protected static void insert(SessionStore store, Session session) {
        store.insert(session).toCompletableFuture().join();
    }

    protected static void assertRefused(SessionStore store, Session session) {
        CompletionException thrown = assertThrows(
                CompletionException.class,
                () -> store.insert(session).toCompletableFuture().join());
        SessionException refused = (SessionException) thrown.getCause();
        assertEquals(SessionException.Kind.CAPACITY_EXHAUSTED, refused.kind());
    }

    @Test
    void createsBeyondTheLimitAreRefusedAndOtherApplicationsAreNot() {
        SessionStore store = store(2);
        insert(store, session(capped, T0));
        insert(store, session(capped, T0));
        assertRefused(store, session(capped, T0));
        for (int i = 0; i < 3; i++) {
            insert(store, session(free, T0));
        }
    }

    @Test
    void anEndedSessionGivesItsPlaceBackOnce() {
        SessionStore store = store(2);
        Session first = session(capped, T0);
        insert(store, first);
        insert(store, session(capped, T0));
        assertEquals(true, store.delete(first.id(), T0).toCompletableFuture().join());
        assertEquals(false, store.delete(first.id(), T0).toCompletableFuture().join());
        insert(store, session(capped, T0));
        assertRefused(store, session(capped, T0));
    }

    @Test
    void anExpiredSessionFoundByAReadGivesItsPlaceBackOnce() {
        SessionStore store = store(1);
        Session old = session(capped, T0);
        insert(store, old);
        Instant later = T0.plusSeconds(TIMEOUT + 1);
        for (int i = 0; i < 2; i++) {
            assertThrows(
                    CompletionException.class,
                    () -> store.update(old.id(), later, s -> null)
                            .toCompletableFuture()
                            .join());
        }
        insert(store, session(capped, later));
        assertRefused(store, session(capped, later));
    }

    @Test
    void concurrentCreatesDoNotPassTheLimit() {
        SessionStore store = store(5);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> creates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Session session = session(capped, T0);
            creates.add(CompletableFuture.supplyAsync(() -> store.insert(session), threads)
                    .thenCompose(inserted -> inserted));
        }
        long created = creates.stream()
                .filter(create -> {
                    try {
                        create.join();
                        return true;
                    } catch (CompletionException refused) {
                        return false;
                    }
                })
                .count();
        threads.shutdown();
        assertEquals(5, created);
    }

    /** {@link Map#of} for subclasses. */
    protected static Map<String, Long> limit(String application, long max) {
        return Map.of(application, max);
    }
}
