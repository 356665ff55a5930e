package dev.sessionstate.store.infinispan;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.client.hotrod.event.ClientEvent;
import org.infinispan.client.hotrod.event.impl.ClientListenerNotifier;
import org.infinispan.client.hotrod.impl.InternalRemoteCache;
import org.junit.jupiter.api.Test;

/**
 * A listener kept registered on a real Infinispan server: after a failover in which the service
 * registers it again before the Hot Rod client's own retry succeeds, each event still reaches it
 * once, and closing leaves the client holding none of its registrations; a failover reported after
 * closing does nothing.
 */
class ListenerRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONFIGURATION = "{\"distributed-cache\":{\"mode\":\"SYNC\",\"encoding\":{\"key\":"
            + "{\"media-type\":\"text/plain; charset=UTF-8\"},\"value\":{\"media-type\":\"application/json\"}}}}";
    /** Every listener object made, every key each heard ({@code "<index made> <key>"}), the keys passed on. */
    private final List<LogListener> made = new CopyOnWriteArrayList<>();

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger back = new AtomicInteger();
    private final AtomicReference<ListenerRegistration> registration = new AtomicReference<>();

    @Test
    void aListenerTheClientRegistersAgainLateIsNotifiedOnceAndCloseRemovesEveryRegistration() {
        try (InfinispanServer node = TestServers.stopAtExit(InfinispanServer.single("listener", 500, 7905))
                        .start();
                RemoteCacheManager client = client(node)) {
            SessionsCache cache = new SessionsCache(() -> client, "listener-failover", CONFIGURATION);
            // No time given to the client: the service registers a listener of its own once the node is back.
            registration.set(ListenerRegistration.start(cache, this::listener, "test-listener", Duration.ZERO));
            await().atMost(WAIT).until(registration.get()::isRegistered);
            RemoteCache<String, String> json =
                    cache.get().toCompletableFuture().join().plain();

            node.kill();
            node.startAgain();
            await("registered again").atMost(WAIT).until(() -> back.get() > 0);
            assertTrue(made.size() > 1, "the service registered a listener of its own");
            // The client retries every 5 s until its own listener is registered again, and then it hears events too.
            AtomicInteger probes = new AtomicInteger();
            await("the client's late registration and the service's")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        json.put("probe-" + probes.incrementAndGet(), "{}");
                        return heard.stream().anyMatch(h -> h.startsWith("0 probe-"))
                                && delivered.stream().anyMatch(key -> key.startsWith("probe-"));
                    });
            json.put("last", "{}");
            await().atMost(WAIT).until(() -> delivered.contains("last"));
            assertEquals(Set.copyOf(delivered).size(), delivered.size(), () -> "each event once: " + delivered);

            registration.get().close();
            ClientListenerNotifier notifier = ((InternalRemoteCache<String, String>) json).getListenerNotifier();
            for (LogListener listener : made) {
                assertNull(notifier.findListenerId(listener), "no registration left");
            }
            cache.close();
        }
    }

    @Test
    void aFailoverReportedAfterCloseDoesNothing() {
        try (RemoteCacheManager client = client(TestServers.shared())) {
            SessionsCache cache = new SessionsCache(() -> client, "listener-closed", CONFIGURATION);
            registration.set(ListenerRegistration.start(cache, this::listener, "test-listener"));
            await().atMost(WAIT).until(registration.get()::isRegistered);

            registration.get().close();
            // As the Hot Rod client does on its own thread when the node of a listener it still held went away.
            assertDoesNotThrow(() -> made.get(0).onFailover(() -> ClientEvent.Type.CLIENT_CACHE_FAILOVER));
            assertDoesNotThrow(() -> registration.get().awaitReregistered(back::incrementAndGet));
            assertEquals(1, made.size(), "no listener registered after close");
            cache.close();
        }
    }

    /** A listener that records what it hears and, through its gate, what it passes on, as the event log's does. */
    private LogListener listener(ListenerRegistration.Gate gate) {
        int index = made.size();
        Consumer<RawEvents> passed = gate.events(raw -> delivered.add(raw.key()));
        LogListener listener = new LogListener(
                raw -> {
                    heard.add(index + " " + raw.key());
                    passed.accept(raw);
                },
                gate.failover(() -> registration.get().awaitReregistered(back::incrementAndGet)));
        made.add(listener);
        return listener;
    }

    private static RemoteCacheManager client(InfinispanServer node) {
        return new RemoteCacheManager(
                new ConfigurationBuilder().addServers(node.address()).build());
    }
}
