package dev.sessionstate.config;

import dev.sessionstate.core.OwnerLimit;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Every setting of the service, under {@code sessions.}; the README's configuration table lists them all. */
@ConfigMapping(prefix = "sessions")
public interface SessionsConfig {

    Store store();

    Timeout timeout();

    MaxLifetime maxLifetime();

    Limits limits();

    Leases leases();

    Memory memory();

    Infinispan infinispan();

    Owners owners();

    Auth auth();

    /** Per-application settings by application name; an application not named here has the global ones. */
    Map<String, Application> applications();

    Events events();

    /** Which store holds sessions. */
    interface Store {

        /** {@code memory} (this process only) or {@code infinispan} (shared, survives restarts). */
        @WithDefault("memory")
        StoreKind kind();
    }

    /** Sliding idle timeouts. */
    interface Timeout {

        /** Idle timeout of a session created without {@code timeoutSeconds}. */
        @WithName("default")
        @WithDefault("20M")
        Duration defaultTimeout();

        /** Shortest idle timeout a client may ask for. */
        @WithDefault("1S")
        Duration min();

        /** Longest idle timeout a client may ask for. */
        @WithDefault("24H")
        Duration max();
    }

    /** Hard maximum lifetimes, counted from creation, beside the sliding idle timeout. */
    interface MaxLifetime {

        /** Maximum lifetime of a session created without {@code maxLifetimeSeconds}; 0 for none. */
        @WithName("default")
        @WithDefault("0S")
        Duration defaultLifetime();

        /** Longest maximum lifetime a client may ask for. */
        @WithDefault("30D")
        Duration max();
    }

    /** Exclusive leases ({@code POST /sessions/{id}/lock}); judged by this replica's clock. */
    interface Leases {

        /** Length of a lease taken or renewed without {@code leaseSeconds}. */
        @WithName("default")
        @WithDefault("30S")
        Duration defaultLength();

        /** Shortest lease a client may ask for. */
        @WithDefault("1S")
        Duration min();

        /** Longest lease a client may ask for; a crashed holder blocks writes at most this long. */
        @WithDefault("120S")
        Duration max();
    }

    /** Size limits, each checked before anything is stored. */
    interface Limits {

        /** Longest item key, in characters. */
        @WithDefault("256")
        int maxKeyLength();

        /** Largest item value, as UTF-8 JSON text. */
        @WithDefault("64K")
        MemorySize maxValueSize();

        /** Most items in one session. */
        @WithDefault("1000")
        int maxItems();

        /** Largest session: the UTF-8 size of all its keys and values. */
        @WithDefault("1M")
        MemorySize maxSessionSize();

        /** Largest request body. */
        @WithDefault("2M")
        MemorySize maxRequestSize();

        /** Deepest nesting of arrays and objects in a request body. */
        @WithDefault("32")
        int maxDepth();
    }

    /** The in-memory store. */
    interface Memory {

        /** Most sessions this instance holds; creating one more is refused with 507. */
        @WithDefault("1000000")
        long maxSessions();

        /** How often expired sessions are swept out of memory. */
        @WithDefault("30S")
        Duration sweepInterval();
    }

    /** The Infinispan store; the connection itself is configured by the {@code quarkus.infinispan-client.*} keys. */
    interface Infinispan {

        /** The cache that holds sessions. Created when missing, with the configuration described in the README. */
        @WithDefault("sessions")
        String cache();

        /** Copies of every session in a cache that the service creates. */
        @WithDefault("2")
        int owners();

        /** Longest wait for Infinispan in a request; then the request answers 503. */
        @WithDefault("1S")
        Duration operationTimeout();

        /**
         * How stale a stored access time may be before a read writes it back (capped at a tenth of
         * the session's timeout); 0 writes every access.
         */
        @WithDefault("30S")
        Duration touchInterval();
    }

    /** Sessions by owner ({@code owner} at create): the per-owner limit and where the owners' lists live. */
    interface Owners {

        /** Most live sessions one owner may hold in one application; 0 for no limit. */
        @WithDefault("0")
        int maxSessions();

        /**
         * What a create beyond the limit does: {@code reject} (409 {@code owner-limit-reached}) or
         * {@code evict-oldest} (the owner's least recently used session ends, reason {@code evicted}).
         */
        @WithDefault("reject")
        OwnerLimit.Action onLimit();

        /** The Infinispan cache of owners' lists (Infinispan store only), made when missing like the sessions one. */
        @WithDefault("session-owners")
        String cache();
    }

    /** Who may call the service, and what each caller may do. */
    interface Auth {

        /**
         * How callers authenticate: {@code none} (nobody is asked, for local use), or one or both of
         * {@code api-key} and {@code oidc}. With {@code oidc}, set {@code quarkus.oidc.tenant-enabled=true}
         * and {@code quarkus.oidc.auth-server-url}.
         */
        @WithDefault("none")
        Set<AuthMode> mode();

        /** API-key clients by name (letters and digits, so that environment variables can name them). */
        Map<String, ApiKeyClient> apiKeys();

        /** Bearer tokens. */
        Oidc oidc();

        /** How a bearer token's caller is placed in an application. */
        interface Oidc {

            /**
             * The token claim (a string) that names the caller's application. The default, {@code azp}
             * (authorized party), is the client id the token was issued to, so every client of the
             * identity provider is an application of its own; a token without the claim belongs to the
             * default application.
             */
            @WithDefault("azp")
            String applicationClaim();
        }

        /** One caller that sends {@code X-Api-Key}. Only hashes of its keys are configured. */
        interface ApiKeyClient {

            /** Hex SHA-256 of each of the client's keys; more than one while a key is rotated. */
            List<String> sha256();

            /** The client's roles: {@code reader}, {@code writer}, {@code events}, {@code admin}. */
            Set<Role> roles();

            /** The application the client belongs to. */
            @WithDefault("default")
            String application();
        }
    }

    /**
     * The settings of one application (tenant). Each one left out falls back to the global
     * setting: {@code sessions.timeout.*}, {@code sessions.limits.max-session-size}, and no limit on
     * the number of sessions.
     */
    interface Application {

        /** Timeout bounds of the application's sessions. */
        ApplicationTimeout timeout();

        /** Largest session of the application: the UTF-8 size of all its keys and values. */
        Optional<MemorySize> maxSessionSize();

        /** Most live sessions of the application at once; creating one more is refused with 507. */
        OptionalLong maxSessions();

        /**
         * Items every new session of the application starts with, as JSON text by key; items given in
         * the create request replace them. Checked at start against the limits.
         */
        Map<String, String> initialItems();

        /** Like {@link Timeout}, each bound falling back to the global one. */
        interface ApplicationTimeout {

            /** Idle timeout of a session created without {@code timeoutSeconds}. */
            @WithName("default")
            Optional<Duration> defaultTimeout();

            /** Shortest idle timeout a client may ask for. */
            Optional<Duration> min();

            /** Longest idle timeout a client may ask for. */
            Optional<Duration> max();
        }
    }

    /** Lifecycle events (session started, session ended), each produced once per cluster, and their delivery. */
    interface Events {

        /**
         * Whether events are produced and delivered; off, nothing of them runs, nothing is logged, and
         * {@code GET /events} answers 404.
         */
        @WithDefault("false")
        boolean enabled();

        /** How long each event is kept for replay after it was logged. */
        @WithDefault("1H")
        Duration retention();

        /**
         * Most events the in-memory store's log keeps (the oldest go first); the Infinispan log
         * keeps all within the retention.
         */
        @WithDefault("10000")
        int memoryMaxEvents();

        /** The Infinispan cache of the event log. Created when missing, like the sessions cache. */
        @WithDefault("session-events")
        String infinispanCache();

        /** The Infinispan cache of the claims that make each end reported once. Created when missing. */
        @WithDefault("session-event-claims")
        String infinispanClaimsCache();

        /** Interval of keep-alive comments on an SSE stream that has sent nothing meanwhile. */
        @WithDefault("15S")
        Duration keepAlive();

        /** Webhook endpoints by name (letters and digits, so that environment variables can name them). */
        Map<String, Webhook> webhooks();

        /** How webhook deliveries are timed and retried. */
        Delivery delivery();

        /** One receiver of webhook POSTs. */
        interface Webhook {

            /** Where events are POSTed (http or https). */
            URI url();

            /** The signing secret, {@code whsec_<base64>} (Standard Webhooks); one per endpoint. */
            String secret();

            /** The application whose events the endpoint receives. */
            @WithDefault("default")
            String application();
        }

        /** Timing of webhook delivery, shared by every endpoint. */
        interface Delivery {

            /** Longest wait for a receiver's answer (connect, then between bytes); then the attempt failed. */
            @WithDefault("15S")
            Duration timeout();

            /** Delay before the second attempt; it doubles with each attempt (with jitter) up to {@code retry-cap}. */
            @WithDefault("5S")
            Duration retryBase();

            /** Longest delay between two attempts. */
            @WithDefault("30M")
            Duration retryCap();

            /** Attempts in all before an event is given up (and counted in {@code events.dropped}). */
            @WithDefault("10")
            int attempts();

            /**
             * How long a replica keeps an endpoint once it stops renewing (killed): after this another replica
             * takes over.
             */
            @WithDefault("15S")
            Duration lease();

            /** Interval of rounds without new events: lease renewal, takeover, due retries. */
            @WithDefault("1S")
            Duration poll();
        }
    }
}
