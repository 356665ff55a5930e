package dev.sessionstate.store.infinispan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.UTF8StringMarshaller;

/**
 * The Infinispan cache that holds session documents, found or created on first use rather than
 * at start-up, so the service starts (and reports itself not ready) while Infinispan is away.
 *
 * <p>Finding the cache is a blocking administration call, so it runs on a thread of its own; one
 * attempt at a time, shared by every request that waits for it. After a failure, or after
 * {@link #reset} (an operation failed in a way that may mean the server lost the cache, as a
 * restarted single node does), the next request looks it up again.
 */
final class SessionsCache implements AutoCloseable {

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

    private Caches open() {
        RemoteCache<String, String> cache = manager.get().administration()
                .getOrCreateCache(name, new StringConfiguration(configuration));
        RemoteCache<String, String> json = cache.withDataFormat(JSON_TEXT);
        return new Caches(json, json.withFlags(Flag.FORCE_RETURN_VALUE));
    }

    /**
     * Two views of the sessions cache: {@code plain}, and {@code returning}, whose writes answer
     * the previous value (Hot Rod answers null without the flag).
     */
    record Caches(RemoteCache<String, String> plain, RemoteCache<String, String> returning) {
    }
}
