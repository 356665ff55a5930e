package dev.sessionstate.config;

import dev.sessionstate.core.ApplicationServices;
import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.LeaseService;
import dev.sessionstate.core.Lifetimes;
import dev.sessionstate.core.OwnerIndex;
import dev.sessionstate.core.OwnerLimit;
import dev.sessionstate.core.Owners;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionIds;
import dev.sessionstate.core.SessionRules;
import dev.sessionstate.core.SessionService;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.events.EventFeed;
import dev.sessionstate.events.EventLogWriter;
import dev.sessionstate.events.RetrySchedule;
import dev.sessionstate.events.WebhookDispatchers;
import dev.sessionstate.events.WebhookEndpoint;
import dev.sessionstate.events.WebhookSigner;
import dev.sessionstate.metrics.MeteredSessionStore;
import dev.sessionstate.metrics.MicrometerSessionEvents;
import dev.sessionstate.store.infinispan.ContextBoundSessionStore;
import dev.sessionstate.store.infinispan.EndClaims;
import dev.sessionstate.store.infinispan.InfinispanDeliveryState;
import dev.sessionstate.store.infinispan.InfinispanEventLog;
import dev.sessionstate.store.infinispan.InfinispanOwnerIndex;
import dev.sessionstate.store.infinispan.InfinispanSessionStore;
import dev.sessionstate.store.infinispan.InfinispanSettings;
import dev.sessionstate.store.memory.InMemoryDeliveryState;
import dev.sessionstate.store.memory.InMemoryEventLog;
import dev.sessionstate.store.memory.InMemoryOwnerIndex;
import dev.sessionstate.store.memory.InMemorySessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.infinispan.client.hotrod.RemoteCacheManager;

/**
 * Builds the service from configuration: the clock, the store that {@code sessions.store.kind}
 * names (wrapped for metrics), the event log beside it, and the rules.
 */
@Singleton
public class ServiceWiring {

    /** How often expired sessions are looked for while events are on. */
    static final Duration PROMPT_EXPIRY = Duration.ofSeconds(1);

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
            MicrometerSessionEvents metrics,
            EventLog log,
            MeterRegistry registry,
            Instance<RemoteCacheManager> infinispan) {
        SessionsConfig.Events eventConfig = config.events();
        boolean eventsOn = eventConfig.enabled();
        SessionEvents events = eventsOn ? metrics.andThen(new EventLogWriter(log, registry)) : metrics;
        SessionStore store = switch (config.store().kind()) {
            case memory -> memoryStore(config.memory(), applicationMaxSessions(config), clock, events, eventsOn);
            // The Hot Rod client is asked for on first use, so the memory store never creates one.
            case infinispan -> {
                InfinispanSettings settings =
                        infinispanSettings(config.infinispan(), eventsOn, applicationMaxSessions(config));
                yield new ContextBoundSessionStore(
                        eventsOn
                                ? InfinispanSessionStore.create(
                                        infinispan::get,
                                        settings,
                                        events,
                                        EndClaims.create(
                                                infinispan::get,
                                                eventSettings(config, eventConfig.infinispanClaimsCache()),
                                                eventConfig.retention()),
                                        clock)
                                : InfinispanSessionStore.create(infinispan::get, settings, events));
            }
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
     * Where lifecycle events go: with events on and the Infinispan store, the cluster's log in
     * Infinispan (listening from start-up); otherwise a log of this process, empty while events are off.
     */
    @Produces
    @Singleton
    EventLog eventLog(SessionsConfig config, InstantSource clock, Instance<RemoteCacheManager> infinispan) {
        SessionsConfig.Events events = config.events();
        if (events.enabled() && config.store().kind() == StoreKind.infinispan) {
            return InfinispanEventLog.create(
                    infinispan::get, eventSettings(config, events.infinispanCache()), events.retention(), clock);
        }
        return new InMemoryEventLog(clock, events.retention(), events.memoryMaxEvents());
    }

    void close(@Disposes EventLog log) {
        log.close();
    }

    /** Owners' lists, in the store that {@code sessions.store.kind} names. */
    @Produces
    @Singleton
    OwnerIndex ownerIndex(SessionsConfig config, InstantSource clock, Instance<RemoteCacheManager> infinispan) {
        return switch (config.store().kind()) {
            case memory -> {
                InMemoryOwnerIndex index =
                        new InMemoryOwnerIndex(config.memory().maxSessions());
                index.startSweeping(clock, config.memory().sweepInterval());
                yield index;
            }
            case infinispan ->
                InfinispanOwnerIndex.create(
                        infinispan::get,
                        infinispanSettings(config.infinispan(), false, Map.of()),
                        config.owners().cache());
        };
    }

    void close(@Disposes OwnerIndex index) {
        index.close();
    }

    /**
     * The services of each application, all on the one store, each with the rules of its
     * application. Made at start-up, so that settings of an application that do not hold (bounds
     * out of order, initial items that are not JSON or break the limits) fail the start.
     */
    @Produces
    @Singleton
    @Startup
    ApplicationServices applications(SessionStore store, OwnerIndex index, SessionsConfig config, InstantSource clock) {
        SessionRules global = rules(config);
        Map<String, SessionRules> configured = new HashMap<>();
        config.applications()
                .forEach((name, application) -> configured.put(name, ApplicationRules.of(name, global, application)));
        SessionIds ids = new SessionIds();
        SessionsConfig.Leases leases = config.leases();
        Lifetimes lifetimes = new Lifetimes(
                seconds(config.maxLifetime().defaultLifetime()),
                seconds(config.maxLifetime().max()));
        Owners owners = new Owners(
                index,
                store,
                new OwnerLimit(config.owners().maxSessions(), config.owners().onLimit()));
        return new ApplicationServices(application -> {
            SessionRules rules = configured.getOrDefault(application, global);
            SessionService sessions = new SessionService(store, rules, ids, clock, application, lifetimes, owners);
            return new ApplicationServices.Services(
                    sessions,
                    new ItemService(sessions),
                    new LeaseService(sessions, leases.defaultLength(), leases.min(), leases.max()));
        });
    }

    /**
     * Where webhook dispatch leases and progress are kept: this process, or the Infinispan cluster
     * (cache {@code <sessions.infinispan.cache>-webhooks}, created on first use).
     */
    @Produces
    @Singleton
    DeliveryState deliveryState(SessionsConfig config, InstantSource clock, Instance<RemoteCacheManager> infinispan) {
        return switch (config.store().kind()) {
            case memory -> new InMemoryDeliveryState(clock);
            case infinispan ->
                new InfinispanDeliveryState(
                        infinispan::get,
                        config.infinispan().cache() + "-webhooks",
                        config.infinispan().owners());
        };
    }

    void close(@Disposes DeliveryState state) {
        state.close();
    }

    @Produces
    @Singleton
    EventFeed eventFeed(SessionsConfig config, Instance<EventLog> log, InstantSource clock, MeterRegistry registry) {
        return new EventFeed(log::get, config.events().keepAlive(), clock, registry);
    }

    void close(@Disposes EventFeed feed) {
        feed.close();
    }

    /** Started with the service, so that events are delivered without waiting for a request. */
    @Produces
    @Singleton
    @Startup
    WebhookDispatchers webhooks(
            SessionsConfig config,
            Instance<EventLog> log,
            DeliveryState state,
            Vertx vertx,
            InstantSource clock,
            MeterRegistry registry) {
        SessionsConfig.Events events = config.events();
        SessionsConfig.Events.Delivery delivery = events.delivery();
        List<WebhookEndpoint> endpoints = !events.enabled()
                ? List.of()
                : events.webhooks().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> endpoint(entry.getKey(), entry.getValue()))
                        .toList();
        WebhookDispatchers.Timing timing = new WebhookDispatchers.Timing(
                delivery.timeout(),
                delivery.lease(),
                delivery.poll(),
                new RetrySchedule(delivery.retryBase(), delivery.retryCap(), delivery.attempts()));
        return new WebhookDispatchers(endpoints, log::get, state, timing, vertx, clock, registry);
    }

    void close(@Disposes WebhookDispatchers webhooks) {
        webhooks.close();
    }

    private static WebhookEndpoint endpoint(String name, SessionsConfig.Events.Webhook config) {
        try {
            return new WebhookEndpoint(name, config.url(), WebhookSigner.of(config.secret()), config.application());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sessions.events.webhooks." + name + ".secret: " + e.getMessage(), e);
        }
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

    /** With events on, a created sessions cache is reaped every second, so that expiries are reported promptly. */
    private static InfinispanSettings infinispanSettings(
            SessionsConfig.Infinispan config, boolean eventsOn, Map<String, Long> applicationMaxSessions) {
        return new InfinispanSettings(
                config.cache(),
                config.owners(),
                config.touchInterval(),
                config.operationTimeout(),
                eventsOn ? PROMPT_EXPIRY : Duration.ofMinutes(1),
                applicationMaxSessions);
    }

    /** The settings of an events cache: named {@code cache}, with the owners and timeout of the sessions cache. */
    private static InfinispanSettings eventSettings(SessionsConfig config, String cache) {
        SessionsConfig.Infinispan infinispan = config.infinispan();
        return new InfinispanSettings(cache, infinispan.owners(), Duration.ZERO, infinispan.operationTimeout());
    }

    /** With events on, expired sessions are swept at least every second, so that their ends are reported promptly. */
    private static SessionStore memoryStore(
            SessionsConfig.Memory config,
            Map<String, Long> applicationMaxSessions,
            InstantSource clock,
            SessionEvents events,
            boolean eventsOn) {
        InMemorySessionStore store = new InMemorySessionStore(config.maxSessions(), applicationMaxSessions, events);
        Duration interval = config.sweepInterval();
        store.startSweeping(clock, eventsOn && interval.compareTo(PROMPT_EXPIRY) > 0 ? PROMPT_EXPIRY : interval);
        return store;
    }
}
