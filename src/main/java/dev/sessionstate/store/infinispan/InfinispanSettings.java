package dev.sessionstate.store.infinispan;

import java.time.Duration;
import java.util.Map;

/**
 * How the Infinispan store uses its cluster.
 *
 * @param cache              the name of the cache that holds sessions
 * @param owners             copies of each session, in a cache that the store creates
 * @param touchInterval      how stale a stored access time may be before a read writes it back
 * @param operationTimeout   longest wait for Infinispan in one operation
 * @param expirationInterval how often Infinispan's reaper removes expired sessions, in a cache that the store creates
 * @param applicationMaxSessions most live sessions of each application that has a limit of its own
 */
public record InfinispanSettings(
        String cache,
        int owners,
        Duration touchInterval,
        Duration operationTimeout,
        Duration expirationInterval,
        Map<String, Long> applicationMaxSessions) {

    /** Settings whose created cache reaps expired sessions every minute, with no per-application limit. */
    public InfinispanSettings(String cache, int owners, Duration touchInterval, Duration operationTimeout) {
        this(cache, owners, touchInterval, operationTimeout, Duration.ofMinutes(1), Map.of());
    }

    /** Settings whose created cache is reaped every {@code expirationInterval}, with no per-application limit. */
    public InfinispanSettings(
            String cache, int owners, Duration touchInterval, Duration operationTimeout, Duration expirationInterval) {
        this(cache, owners, touchInterval, operationTimeout, expirationInterval, Map.of());
    }

    /** Settings whose created cache reaps expired sessions every minute. */
    public InfinispanSettings(
            String cache,
            int owners,
            Duration touchInterval,
            Duration operationTimeout,
            Map<String, Long> applicationMaxSessions) {
        this(cache, owners, touchInterval, operationTimeout, Duration.ofMinutes(1), applicationMaxSessions);
    }

    /**
     * The configuration of a cache that the store creates: distributed with {@code owners} copies,
     * text keys and JSON values (so the REST API and console show sessions as JSON), and the
     * expiration reaper running every {@code expirationInterval} to reclaim expired sessions nobody
     * reads again (and, with events on, to report them).
     */
    public String cacheConfiguration() {
        return cacheConfiguration(owners, expirationInterval);
    }

    /** The configuration of a JSON cache with {@code owners} copies, reaped every {@code interval}. */
    static String cacheConfiguration(int owners, Duration interval) {
        return """
                {"distributed-cache":{"mode":"SYNC","owners":%d,"statistics":true,\
                "encoding":{"key":{"media-type":"text/plain; charset=UTF-8"},\
                "value":{"media-type":"application/json"}},\
                "expiration":{"interval":%d}}}""".formatted(owners, interval.toMillis());
    }

    /**
     * The configuration of a JSON cache of the event machinery (the log, the end claims, webhook
     * delivery state) that the service creates: like {@link #cacheConfiguration(int, Duration)},
     * plus a soft-index file store on each node (in the server's data directory), written through,
     * so that a restart of every Infinispan node keeps what these caches hold.
     */
    static String persistentCacheConfiguration(int owners, Duration interval) {
        return """
                {"distributed-cache":{"mode":"SYNC","owners":%d,"statistics":true,\
                "encoding":{"key":{"media-type":"text/plain; charset=UTF-8"},\
                "value":{"media-type":"application/json"}},\
                "expiration":{"interval":%d},"persistence":{"passivation":false,\
                "file-store":{"shared":false}}}}""".formatted(owners, interval.toMillis());
    }
}
