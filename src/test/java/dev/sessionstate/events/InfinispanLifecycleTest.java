package dev.sessionstate.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.store.infinispan.EndClaims;
import dev.sessionstate.store.infinispan.InfinispanEventLog;
import dev.sessionstate.store.infinispan.InfinispanSessionStore;
import dev.sessionstate.store.infinispan.InfinispanSettings;
import dev.sessionstate.store.infinispan.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle contract on two replicas of the Infinispan store, each with a Hot Rod client of
 * its own, on the real server, as the service wires them with events on: sessions cache reaped
 * every second, claims, one shared log. Time is real here: Infinispan expires entries by its
 * clock, and sessions that nobody reads again are removed by its reaper, whose expiry events
 * both replicas hear.
 */
class InfinispanLifecycleTest extends SessionLifecycleContractTest {

    /** What the README promises with a touch interval of 0: the lifespan's rounding, one reaper run, delivery. */
    static final Duration EXPIRY_BOUND = Duration.ofSeconds(3);

    private static final InstantSource CLOCK = InstantSource.system();
    private static final List<RemoteCacheManager> CLIENTS = new ArrayList<>();
    private static final List<SessionStore> REPLICAS = new ArrayList<>();
    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static InfinispanEventLog log;

    @BeforeAll
    static void startReplicas() {
        for (int i = 0; i < 2; i++) {
            RemoteCacheManager client = new RemoteCacheManager(new ConfigurationBuilder()
                    .addServers(TestServers.shared().address())
                    .build());
            CLIENTS.add(client);
            InfinispanEventLog replicaLog = InfinispanEventLog.create(
                    () -> client, settings("lifecycle-events", Duration.ofMinutes(1)), Duration.ofHours(1), CLOCK);
            EndClaims claims = EndClaims.create(
                    () -> client, settings("lifecycle-claims", Duration.ofMinutes(1)), Duration.ofHours(1));
            InfinispanSessionStore store = InfinispanSessionStore.create(
                    () -> client,
                    settings("lifecycle-sessions", Duration.ofSeconds(1)),
                    new EventLogWriter(replicaLog, new SimpleMeterRegistry()),
                    claims,
                    CLOCK);
            REPLICAS.add(store);
            OPEN.addAll(List.of(store, claims, replicaLog));
            if (log == null) {
                log = replicaLog;
            }
            await().atMost(Duration.ofSeconds(30)).until(store::hearsReapedExpiries);
            await().atMost(Duration.ofSeconds(30)).until(replicaLog::isListening);
        }
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        for (AutoCloseable open : OPEN) {
            open.close();
        }
        CLIENTS.forEach(RemoteCacheManager::close);
    }

    private static InfinispanSettings settings(String cache, Duration expirationInterval) {
        return new InfinispanSettings(cache, 2, Duration.ZERO, Duration.ofSeconds(5), expirationInterval);
    }

    @Override
    protected List<SessionStore> replicas() {
        return REPLICAS;
    }

    @Override
    protected EventLog log() {
        return log;
    }

    @Override
    protected Instant now() {
        return CLOCK.instant();
    }

    /** Long enough for a test's requests on a busy machine, short enough to wait for. */
    @Override
    protected int timeoutSeconds() {
        return 3;
    }

    /** Nobody reads the session again: Infinispan's reaper removes it. */
    @Override
    protected void letExpire(Session session) {}

    /** Every replica hears each reaped expiry; a second end would show within this. */
    @Override
    protected Duration quietPeriod() {
        return Duration.ofSeconds(2);
    }

    @Test
    void aReapedExpiryIsLoggedWithinTheBoundAfterExpiresAt() {
        Session session = insert(Map.of());

        LoggedEvent ended = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> log.after(0, 100_000).toCompletableFuture().join().stream()
                                .filter(e -> e.subject().equals(session.id())
                                        && e.type().equals(LoggedEvent.ENDED))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();

        Duration late = Duration.between(session.expiresAt(), ended.time());
        assertTrue(!late.isNegative() && late.compareTo(EXPIRY_BOUND) <= 0, "ended " + late + " after expiresAt");
    }

    @Test
    void everyReplicaHearsEveryAppendedEvent() {
        List<LoggedEvent> heard = new CopyOnWriteArrayList<>();
        try (InfinispanEventLog other = InfinispanEventLog.create(
                () -> CLIENTS.get(1),
                settings("lifecycle-events", Duration.ofMinutes(1)),
                Duration.ofHours(1),
                CLOCK)) {
            await().atMost(Duration.ofSeconds(30)).until(other::isListening);
            other.listen(heard::add);

            Session session = insert(Map.of());

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> heard.stream().anyMatch(e -> e.subject().equals(session.id())));
        }
    }
}
