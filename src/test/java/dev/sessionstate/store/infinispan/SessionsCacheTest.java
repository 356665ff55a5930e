package dev.sessionstate.store.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.UpdateResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sessions cache as an operator may have made it, on a real Infinispan server: used as it is
 * when its media types fit, refused with a clear log line when they do not, created when missing.
 */
class SessionsCacheTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String TEXT_KEYS = "\"key\":{\"media-type\":\"text/plain; charset=UTF-8\"}";
    private static RemoteCacheManager operator;

    private final SessionIds ids = new SessionIds();

    @BeforeAll
    static void connect() {
        operator = client();
    }

    @AfterAll
    static void disconnect() {
        operator.close();
    }

    @Test
    void cacheMadeBeforehandWithOtherSettingsIsUsedAsItIs() throws Exception {
        operator.administration()
                .createCache(
                        "operator-sessions",
                        new StringConfiguration(
                                "{\"distributed-cache\":{\"mode\":\"SYNC\",\"owners\":3,\"encoding\":{" + TEXT_KEYS
                                        + ",\"value\":{\"media-type\":\"application/json\"}},\"expiration\":{\"interv"
                                        + "al\":5000}}}"));

        try (RemoteCacheManager client = client();
                InfinispanSessionStore store = store(client, "operator-sessions")) {
            Session session = newSession();
            join(store.insert(session));
            assertEquals(
                    session.id(),
                    join(store.update(session.id(), T0, s -> new UpdateResult<>(s, s)))
                            .result()
                            .id());
            assertTrue(join(store.isAvailable()));
        }
        String config = cacheConfig("operator-sessions");
        assertTrue(config.contains("\"owners\":\"3\"") && config.contains("\"interval\":\"5000\""), config);
    }

    @Test
    void missingCacheIsCreatedWhenReplicasStartTogether() throws Exception {
        List<RemoteCacheManager> clients = List.of(client(), client(), client());
        List<InfinispanSessionStore> stores =
                clients.stream().map(client -> store(client, "raced-sessions")).toList();
        try {
            List<CompletableFuture<Void>> inserts = new ArrayList<>();
            for (InfinispanSessionStore store : stores) {
                inserts.add(store.insert(newSession()).toCompletableFuture());
            }
            inserts.forEach(SessionsCacheTest::join);
        } finally {
            stores.forEach(InfinispanSessionStore::close);
            clients.forEach(RemoteCacheManager::close);
        }
        String config = cacheConfig("raced-sessions");
        assertTrue(config.contains("\"owners\":\"2\""), config);
    }

    @Test
    void cacheWithOtherMediaTypesMakesTheStoreUnavailableAndSaysWhyInTheLogOnce() {
        operator.administration()
                .createCache(
                        "protostream-sessions",
                        new StringConfiguration("{\"distributed-cache\":{\"mode\":\"SYNC\",\"encoding\":{" + TEXT_KEYS
                                + ",\"value\":{\"media-type\":\"application/x-protostream\"}}}}"));
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(SessionsCache.class.getName());
        logger.addHandler(handler);
        try (RemoteCacheManager client = client();
                InfinispanSessionStore store = store(client, "protostream-sessions")) {
            SessionException refused = refusal(store.insert(newSession()));
            assertSame(SessionException.Kind.STORE_UNAVAILABLE, refused.kind());
            assertTrue(refused.getMessage().contains("misconfigured"), refused.getMessage());
            assertSame(
                    SessionException.Kind.STORE_UNAVAILABLE,
                    refusal(store.delete(ids.next(), T0)).kind());
            assertFalse(join(store.isAvailable()));
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(
                errors.get(0)
                        .contains("'protostream-sessions' has keys text/plain; charset=UTF-8 and values "
                                + "application/x-protostream; the service needs keys text/plain and values "
                                + "application/json"),
                errors.get(0));
    }

    private Session newSession() {
        return Session.create(ids.next(), T0, 60, false, Items.EMPTY);
    }

    private static InfinispanSessionStore store(RemoteCacheManager client, String cache) {
        return InfinispanSessionStore.create(
                () -> client,
                new InfinispanSettings(cache, 2, Duration.ZERO, Duration.ofSeconds(5)),
                new SessionEvents() {
                    @Override
                    public void started(Session session) {}

                    @Override
                    public void ended(Session finalState, EndReason reason, Instant endedAt) {}
                });
    }

    private static RemoteCacheManager client() {
        return new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(TestServers.shared().address())
                .build());
    }

    /** The cache's configuration as the server holds it, in JSON. */
    private static String cacheConfig(String cache) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        TestServers.shared().restUri().resolve("caches/" + cache + "?action=config"))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().replace(" ", "");
    }

    private static SessionException refusal(CompletionStage<?> stage) {
        CompletionException failure = assertThrows(CompletionException.class, () -> join(stage));
        return assertInstanceOf(SessionException.class, failure.getCause());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
