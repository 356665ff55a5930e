package dev.sessionstate.store.infinispan;

import java.time.Duration;
import java.util.Map;

/**
 * How the Infinispan store uses its cluster.
 *
 * @param cache            the name of the cache that holds sessions
 * @param owners           copies of each session, in a cache that the store creates
 * @param touchInterval    how stale a stored access time may be before a read writes it back
 * @param operationTimeout longest wait for Infinispan in one operation
 * @param applicationMaxSessions most live sessions of each application that has a limit of its own
 */
public record InfinispanSettings(
        String cache,
        int owners,
        Duration touchInterval,
        Duration operationTimeout,
        Map<String, Long> applicationMaxSessions) {

    /** Settings with no per-application limit. */
    public InfinispanSettings(String cache, int owners, Duration touchInterval, Duration operationTimeout) {
        this(cache, owners, touchInterval, operationTimeout, Map.of());
    }

    /**
     * The configuration of a cache that the store creates: distributed with {@code owners} copies,
     * text keys and JSON values (so the REST API and console show sessions as JSON), and the
     * expiration reaper running every minute to reclaim expired sessions nobody reads again.
     */
    public String cacheConfiguration() {
        return """
                {"distributed-cache":{"mode":"SYNC","owners":%d,"statistics":true,\
                "encoding":{"key":{"media-type":"text/plain; charset=UTF-8"},\
                "value":{"media-type":"application/json"}},\
                "expiration":{"interval":60000}}}""".formatted(owners);
    }
}
