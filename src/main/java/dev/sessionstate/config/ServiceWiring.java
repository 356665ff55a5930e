package dev.sessionstate.config;

import dev.sessionstate.core.ApplicationServices;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.LeaseService;
import dev.sessionstate.core.Lifetimes;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.SessionRules;
import dev.sessionstate.core.SessionService;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.metrics.MeteredSessionStore;
import dev.sessionstate.store.infinispan.ContextBoundSessionStore;
import dev.sessionstate.store.infinispan.InfinispanSessionStore;
import dev.sessionstate.store.infinispan.InfinispanSettings;
import dev.sessionstate.store.memory.InMemorySessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.infinispan.client.hotrod.RemoteCacheManager;

/**
 * Builds the service from configuration: the clock, the store that {@code sessions.store.kind}
 * names (wrapped for metrics), and the rules.
 */
@Singleton
public class ServiceWiring {

    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }

    /**
     * Created at start-up, not on first use: a misconfigured store fails the start, the expiry
     * sweep runs from the start and {@code sessions.active} is published before any request.
     */
    @Produces
    @Singleton
    @Startup
    SessionStore store(
            SessionsConfig config,
            InstantSource clock,
            SessionEvents events,
            MeterRegistry registry,
            Instance<RemoteCacheManager> infinispan) {
        SessionStore store = switch (config.store().kind()) {
            case memory -> memoryStore(config.memory(), applicationMaxSessions(config), clock, events);
            // The Hot Rod client is asked for on first use, so the memory store never creates one.
            case infinispan ->
                new ContextBoundSessionStore(InfinispanSessionStore.create(
                        infinispan::get,
                        infinispanSettings(config.infinispan(), applicationMaxSessions(config)),
                        events));
        };
        OptionalLong capacity = config.store().kind() == StoreKind.memory
                ? OptionalLong.of(config.memory().maxSessions())
                : OptionalLong.empty();
        return new MeteredSessionStore(store, registry, capacity);
    }

    void close(@Disposes SessionStore store) {
        store.close();
    }

    /**
     * The services of each application, all on the one store, each with the rules of its
     * application. Made at start-up, so that settings of an application that do not hold (bounds
     * out of order, initial items that are not JSON or break the limits) fail the start.
     */
    @Produces
    @Singleton
    @Startup
    ApplicationServices applications(
            SessionStore store, SessionsConfig config, InstantSource clock, SessionEvents events) {
        SessionRules global = rules(config);
        Map<String, SessionRules> configured = new HashMap<>();
        config.applications()
                .forEach((name, application) -> configured.put(name, ApplicationRules.of(name, global, application)));
        SessionIds ids = new SessionIds();
        SessionsConfig.Leases leases = config.leases();
        Lifetimes lifetimes = new Lifetimes(
                seconds(config.maxLifetime().defaultLifetime()),
                seconds(config.maxLifetime().max()));
        return new ApplicationServices(application -> {
            SessionRules rules = configured.getOrDefault(application, global);
            SessionService sessions = new SessionService(store, rules, ids, clock, events, application, lifetimes);
            return new ApplicationServices.Services(
                    sessions,
                    new ItemService(sessions),
                    new LeaseService(sessions, leases.defaultLength(), leases.min(), leases.max()));
        });
    }

    static SessionRules rules(SessionsConfig config) {
        SessionsConfig.Limits limits = config.limits();
        SessionsConfig.Timeout timeout = config.timeout();
        return new SessionRules(
                limits.maxKeyLength(),
                (int) limits.maxValueSize().asLongValue(),
                limits.maxItems(),
                (int) limits.maxSessionSize().asLongValue(),
                seconds(timeout.defaultTimeout()),
                seconds(timeout.min()),
                seconds(timeout.max()));
    }

    private static int seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }

    /** The applications with a limit on their live sessions, and that limit. */
    static Map<String, Long> applicationMaxSessions(SessionsConfig config) {
        Map<String, Long> limits = new HashMap<>();
        config.applications()
                .forEach((name, application) -> application.maxSessions().ifPresent(max -> {
                    if (max < 1) {
                        throw new IllegalArgumentException(
                                "sessions.applications." + name + ".max-sessions must be at least 1; got " + max + ".");
                    }
                    limits.put(name, max);
                }));
        return limits;
    }

    private static InfinispanSettings infinispanSettings(
            SessionsConfig.Infinispan config, Map<String, Long> applicationMaxSessions) {
        return new InfinispanSettings(
                config.cache(),
                config.owners(),
                config.touchInterval(),
                config.operationTimeout(),
                applicationMaxSessions);
    }

    private static SessionStore memoryStore(
            SessionsConfig.Memory config,
            Map<String, Long> applicationMaxSessions,
            InstantSource clock,
            SessionEvents events) {
        InMemorySessionStore store = new InMemorySessionStore(config.maxSessions(), applicationMaxSessions, events);
        store.startSweeping(clock, config.sweepInterval());
        return store;
    }
}
