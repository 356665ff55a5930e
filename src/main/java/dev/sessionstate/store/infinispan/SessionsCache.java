package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.SessionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;
import org.infinispan.client.hotrod.impl.InternalRemoteCache;
import org.infinispan.client.hotrod.impl.operations.PingResponse;
import org.infinispan.commons.configuration.StringConfiguration;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.UTF8StringMarshaller;
import org.jboss.logging.Logger;

/**
 * The Infinispan cache that holds session documents, found or created on first use rather than
 * at start-up, so the service starts (and reports itself not ready) while Infinispan is away.
 *
 * <p>A cache that exists is used as it is, whatever its owners, persistence or expiration (an
 * operator may have made it); one is created only when none exists. Either way its key and value
 * media types must be those of {@link #JSON_TEXT}: when they are not, every operation fails with
 * STORE_UNAVAILABLE and an ERROR line in the log says what the cache has and what it needs.
 *
 * <p>Finding the cache takes blocking calls, so it runs on a thread of its own; one attempt at a
 * time, shared by every request that waits for it. After a failure (including a misconfigured
 * cache, which an operator may fix meanwhile), or after {@link #reset} (an operation failed in a
 * way that may mean the server lost the cache, as a restarted single node does), the next request
 * looks it up again.
 */
final class SessionsCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionsCache.class);

    /** Keys and values as UTF-8 text: keys plain, values JSON, which is how the cache stores them. */
    static final DataFormat JSON_TEXT = DataFormat.builder()
            .keyType(MediaType.TEXT_PLAIN)
            .keyMarshaller(new UTF8StringMarshaller())
            .valueType(MediaType.APPLICATION_JSON)
            .valueMarshaller(new UTF8StringMarshaller())
            .build();

    private final Supplier<RemoteCacheManager> manager;
    private final String name;
    private final String configuration;
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sessions-cache-lookup");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<Caches> current;
    /** The misconfiguration last logged, so that each one is logged once; used by the lookup thread only. */
    private String reported;

    /**
     * @param manager       the Hot Rod client, asked for only when the cache is first needed
     * @param configuration the cache's configuration (JSON or XML) for when it does not exist
     */
    SessionsCache(Supplier<RemoteCacheManager> manager, String name, String configuration) {
        this.manager = manager;
        this.name = name;
        this.configuration = configuration;
    }

    /** The cache views, once the cache has been found or created. */
    CompletionStage<Caches> get() {
        CompletableFuture<Caches> caches = current;
        if (caches != null && !caches.isCompletedExceptionally()) {
            return caches;
        }
        synchronized (this) {
            if (current == caches) {
                current = CompletableFuture.supplyAsync(this::open, blocking);
            }
            return current;
        }
    }

    /** Forgets the cache, so the next {@link #get()} finds or creates it again. */
    void reset(CompletionStage<Caches> failed) {
        synchronized (this) {
            if (current == failed) {
                current = null;
            }
        }
    }

    @Override
    public void close() {
        blocking.shutdownNow();
    }

    /** How often, and how far apart, to look for a cache that another replica is creating. */
    private static final int CREATION_LOOKS = 10;

    private static final Duration CREATION_WAIT = Duration.ofMillis(100);

    private Caches open() {
        RemoteCacheManager client = manager.get();
        Found found = find(client);
        if (found == null) {
            found = create(client);
        }
        checkMediaTypes(found.ping());
        RemoteCache<String, String> json = found.cache().withDataFormat(JSON_TEXT);
        return new Caches(json, json.withFlags(Flag.FORCE_RETURN_VALUE));
    }

    /**
     * The cache with the server's answer to a ping of it (which carries its media types), or null
     * when the server has no such cache. The client remembers caches it has seen, so a cache that
     * the server lost since (a restarted node) comes back from {@code getCache}: the ping tells.
     */
    private Found find(RemoteCacheManager client) {
        RemoteCache<String, String> cache = client.getCache(name);
        if (cache == null) {
            return null;
        }
        // Hot Rod tells a cache's encoding only in its ping answer, which the public API keeps to itself.
        PingResponse ping = ((InternalRemoteCache<String, String>) cache)
                .ping()
                .toCompletableFuture()
                .join();
        return ping.isCacheNotFound() ? null : new Found(cache, ping);
    }

    /**
     * Creates the cache. When that fails, another replica may be creating it at the same moment:
     * look again a few times (this runs on the lookup thread, never on a request's), then give up
     * with the server's refusal.
     */
    private Found create(RemoteCacheManager client) {
        RuntimeException refused = null;
        try {
            client.administration().createCache(name, new StringConfiguration(configuration));
        } catch (HotRodClientException failure) {
            refused = failure;
        }
        for (int attempt = 0; ; attempt++) {
            Found created;
            try {
                created = find(client);
            } catch (HotRodClientException starting) {
                // A cache that another replica is creating may not answer a ping yet.
                created = null;
                refused = refused == null ? starting : refused;
            }
            if (created != null) {
                return created;
            }
            if (refused == null || attempt == CREATION_LOOKS) {
                throw refused != null
                        ? refused
                        : new HotRodClientException("Infinispan lost cache '" + name + "' on creation");
            }
            try {
                Thread.sleep(CREATION_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused;
            }
        }
    }

    private void checkMediaTypes(PingResponse ping) {
        MediaType key = ping.getKeyMediaType();
        MediaType value = ping.getValueMediaType();
        if (matches(JSON_TEXT.getKeyType(), key) && matches(JSON_TEXT.getValueType(), value)) {
            reported = null;
            return;
        }
        String problem = "keys " + key + " and values " + value;
        if (!problem.equals(reported)) {
            LOG.errorf(
                    "Infinispan cache '%s' has %s; the service needs keys %s and values %s. It reports itself"
                            + " not ready until the cache has them (remove the cache to have the service create it).",
                    name, problem, JSON_TEXT.getKeyType(), JSON_TEXT.getValueType());
            reported = problem;
        }
        throw new SessionException(
                SessionException.Kind.STORE_UNAVAILABLE,
                "The session store is misconfigured; an operator must fix it (see the service log).");
    }

    private static boolean matches(MediaType needed, MediaType actual) {
        return actual != null && needed.match(actual);
    }

    /** A cache that the server has, and its answer to a ping. */
    private record Found(RemoteCache<String, String> cache, PingResponse ping) {}

    /**
     * Two views of the sessions cache: {@code plain}, and {@code returning}, whose writes answer
     * the previous value (Hot Rod answers null without the flag).
     */
    record Caches(RemoteCache<String, String> plain, RemoteCache<String, String> returning) {}
}
