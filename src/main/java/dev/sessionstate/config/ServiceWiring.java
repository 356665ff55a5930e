package dev.sessionstate.config;

import dev.sessionstate.core.ApplicationServices;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.LeaseService;
import dev.sessionstate.core.OwnerIndex;
import dev.sessionstate.core.OwnerLimit;
import dev.sessionstate.core.Owners;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.SessionRules;
import dev.sessionstate.core.SessionService;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.metrics.MeteredSessionStore;
import dev.sessionstate.store.infinispan.ContextBoundSessionStore;
import dev.sessionstate.store.infinispan.InfinispanOwnerIndex;
import dev.sessionstate.store.infinispan.InfinispanSessionStore;
import dev.sessionstate.store.infinispan.InfinispanSettings;
import dev.sessionstate.store.memory.InMemoryOwnerIndex;
import dev.sessionstate.store.memory.InMemorySessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
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
            case memory -> memoryStore(config.memory(), clock, events);
            // The Hot Rod client is asked for on first use, so the memory store never creates one.
            case infinispan ->
                new ContextBoundSessionStore(InfinispanSessionStore.create(
                        infinispan::get, infinispanSettings(config.infinispan()), events));
        };
        OptionalLong capacity = config.store().kind() == StoreKind.memory
                ? OptionalLong.of(config.memory().maxSessions())
                : OptionalLong.empty();
        return new MeteredSessionStore(store, registry, capacity);
    }

    void close(@Disposes SessionStore store) {
        store.close();
    }

    /** Owners' lists, in the store that {@code sessions.store.kind} names. */
    @Produces
    @Singleton
    OwnerIndex ownerIndex(SessionsConfig config, InstantSource clock, Instance<RemoteCacheManager> infinispan) {
        return switch (config.store().kind()) {
            case memory -> {
                InMemoryOwnerIndex index = new InMemoryOwnerIndex();
                index.startSweeping(clock, config.memory().sweepInterval());
                yield index;
            }
            case infinispan ->
                InfinispanOwnerIndex.create(
                        infinispan::get,
                        infinispanSettings(config.infinispan()),
                        config.owners().cache());
        };
    }

    void close(@Disposes OwnerIndex index) {
        index.close();
    }

    /** The services of each application, all on the one store; every application has the same rules. */
    @Produces
    @Singleton
    ApplicationServices applications(
            SessionStore store, OwnerIndex index, SessionsConfig config, InstantSource clock, SessionEvents events) {
        SessionRules rules = rules(config);
        SessionIds ids = new SessionIds();
        SessionsConfig.Leases leases = config.leases();
        Owners owners = new Owners(
                index,
                store,
                new OwnerLimit(config.owners().maxSessions(), config.owners().onLimit()));
        return new ApplicationServices(application -> {
            SessionService sessions = new SessionService(store, rules, ids, clock, events, application, owners);
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

    private static InfinispanSettings infinispanSettings(SessionsConfig.Infinispan config) {
        return new InfinispanSettings(
                config.cache(), config.owners(), config.touchInterval(), config.operationTimeout());
    }

    private static SessionStore memoryStore(SessionsConfig.Memory config, InstantSource clock, SessionEvents events) {
        InMemorySessionStore store = new InMemorySessionStore(config.maxSessions(), events);
        store.startSweeping(clock, config.sweepInterval());
        return store;
    }
}
