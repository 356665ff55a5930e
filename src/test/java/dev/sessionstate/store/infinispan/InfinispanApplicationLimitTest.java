package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.store.ApplicationLimitContractTest;
import java.time.Duration;
import java.time.Instant;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-application limit on a real Infinispan server: a Hot Rod strong counter per application,
 * shared by two stores as by two replicas, and reconciled when Infinispan removed sessions itself.
 */
class InfinispanApplicationLimitTest extends ApplicationLimitContractTest {

    private static final String CACHE = "counted-sessions";
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
    protected SessionStore createStore(String application, long max, SessionEvents events) {
        return InfinispanSessionStore.create(
                () -> client,
                new InfinispanSettings(CACHE, 2, Duration.ZERO, Duration.ofSeconds(5), limit(application, max)),
                events);
    }

    @Test
    void twoReplicasShareTheLimit() {
        SessionStore one = store(2);
        SessionStore two = store(2);
        insert(one, session(capped, T0));
        insert(two, session(capped, T0));
        assertRefused(one, session(capped, T0));
        assertRefused(two, session(capped, T0));
    }

    @Test
    void sessionsThatInfinispanRemovedItselfAreFoundGoneWhenTheLimitRefuses() {
        SessionStore store = store(1);
        Instant now = Instant.now();
        Session reaped = session(capped, now);
        insert(store, reaped);
        // As Infinispan's expiration reaper would: the entry goes and no replica hears of it.
        client.getCache(CACHE).withDataFormat(SessionsCache.JSON_TEXT).remove(reaped.id());
        insert(store, session(capped, now));
        assertRefused(store, session(capped, now));
    }
}
