package dev.sessionstate.store.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.UpdateResult;
import dev.sessionstate.metrics.MeteredSessionStore;
import dev.sessionstate.store.SessionStoreContractTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against a real Infinispan server over Hot Rod, plus what only this store
 * does: JSON documents readable through Infinispan's REST API, cheap touches, entry lifespans.
 * Every access is written here (touch interval 0), so expiry is exact as the contract says;
 * {@link #readsWithinTheTouchGraceAreNotWrittenBack} covers the default.
 */
class InfinispanSessionStoreTest extends SessionStoreContractTest {

    private static final String CACHE = "contract-sessions";
    private static RemoteCacheManager client;

    @BeforeAll
    static void connect() {
        client = new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(TestServers.shared().address())
                .build());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected SessionStore createStore(SessionEvents events) {
        return store(Duration.ZERO, events);
    }

    private static InfinispanSessionStore store(Duration touchInterval, SessionEvents events) {
        return store(touchInterval, Duration.ofSeconds(5), events);
    }

    private static InfinispanSessionStore store(
            Duration touchInterval, Duration operationTimeout, SessionEvents events) {
        return InfinispanSessionStore.create(
                () -> client, new InfinispanSettings(CACHE, 2, touchInterval, operationTimeout), events);
    }

    @Test
    void compareAndSetThatKeepsLosingIsWriteContentionAndCountedSo() {
        Session session = insert();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger attempts = new AtomicInteger();
        try (RemoteCacheManager rival = new RemoteCacheManager(new ConfigurationBuilder()
                        .addServers(TestServers.shared().address())
                        .build());
                SessionStore metered =
                        new MeteredSessionStore(store(Duration.ZERO, Duration.ofMillis(200), events), registry)) {
            RemoteCache<String, String> other =
                    rival.<String, String>getCache(CACHE).withDataFormat(SessionsCache.JSON_TEXT);

            assertRefused(
                    SessionException.Kind.WRITE_CONTENTION,
                    () -> join(metered.update(session.id(), T0, current -> {
                        attempts.incrementAndGet();
                        // Another writer stores the document again before this update's compare-and-set, which so
                        // always loses.
                        other.put(session.id(), other.get(session.id()), 60, TimeUnit.SECONDS);
                        return new UpdateResult<>(
                                current.withItems(current.items().with("mine", "1")), null);
                    })));

            assertTrue(attempts.get() > 1, "the update was tried again after losing");
            assertFalse(read(session.id(), T0).items().asMap().containsKey("mine"), "no losing write landed");
            assertEquals(
                    1,
                    registry.get("sessions.store.operations")
                            .tags("operation", "update", "outcome", "write_contention")
                            .timer()
                            .count());
        }
    }

    @Test
    void sessionIsAJsonDocumentThatInfinispansRestApiReads() throws Exception {
        Session session = newSession(Items.of(java.util.Map.of("cart", "{\"lines\":[1,2.50]}")));
        join(store.insert(session));

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        TestServers.shared().restUri().resolve("caches/" + CACHE + "/" + session.id()))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        String document = response.body();
        assertTrue(document.startsWith("{\"id\":\"" + session.id() + "\""), document);
        assertTrue(document.contains("\"items\":{\"cart\":{\"lines\":[1,2.50]}}"), document);
        assertTrue(document.contains("\"timeoutSeconds\":60"), document);
    }

    @Test
    void entriesLiveForTheTimeoutPlusTheGraceSoInfinispanReclaimsThem() {
        Session session = insert();
        var entry = rawCache().getWithMetadata(session.id());
        assertEquals(60, entry.getLifespan());
        assertEquals(-1, entry.getMaxIdle());

        try (InfinispanSessionStore graceful = store(Duration.ofSeconds(30), events)) {
            Session other = newSession(Items.EMPTY);
            join(graceful.insert(other));
            // timeout 60 s: the grace is capped at a tenth of it
            assertEquals(66, rawCache().getWithMetadata(other.id()).getLifespan());
        }
    }

    @Test
    void readsWithinTheTouchGraceAreNotWrittenBack() {
        try (InfinispanSessionStore graceful = store(Duration.ofSeconds(30), events)) {
            Session session = newSession(Items.EMPTY);
            join(graceful.insert(session));
            long written = rawCache().getWithMetadata(session.id()).getVersion();

            touch(graceful, session.id(), T0.plusSeconds(5));
            assertEquals(
                    written,
                    rawCache().getWithMetadata(session.id()).getVersion(),
                    "a touch within 6 s is not written");

            touch(graceful, session.id(), T0.plusSeconds(6));
            assertNotEquals(written, rawCache().getWithMetadata(session.id()).getVersion(), "a touch 6 s later is");

            // Last real access at +6 s, stored; a touch at +11 s is not stored, so the store cannot
            // know of it: the session must outlive +6+60 s, and may live up to the grace longer.
            touch(graceful, session.id(), T0.plusSeconds(11));
            assertEquals(
                    session.id(),
                    read(graceful, session.id(), T0.plusSeconds(11 + 59)).id());
            assertRefused(
                    SessionException.Kind.SESSION_NOT_FOUND,
                    () -> read(graceful, session.id(), T0.plusSeconds(6 + 60 + 6)));
        }
    }

    @Test
    void documentsKeepExactItemTextsAndOrder() {
        java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
        values.put("z", "12345678901234567890123456789012345678901");
        values.put("é \"q\"", "\"\\u00e9\\n\uD83D\uDE00\"");
        values.put("a", "{ \"b\" : [ true , null , 1.5E+300 ] }");
        Session session = newSession(Items.of(values));
        join(store.insert(session));

        Session back = read(session.id(), T0);
        assertEquals(values, back.items().asMap());
        assertEquals(session.items().bytes(), back.items().bytes());
    }

    private static void touch(SessionStore store, String id, Instant now) {
        join(store.update(id, now, current -> new UpdateResult<>(current.touchedAt(now), null)));
    }

    private static Session read(SessionStore store, String id, Instant now) {
        return join(store.update(id, now, current -> new UpdateResult<>(current, null)))
                .session();
    }

    private static RemoteCache<String, String> rawCache() {
        return client.<String, String>getCache(CACHE).withDataFormat(SessionsCache.JSON_TEXT);
    }
}
