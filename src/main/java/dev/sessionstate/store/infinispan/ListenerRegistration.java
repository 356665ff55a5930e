package dev.sessionstate.store.infinispan;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.impl.InternalRemoteCache;
import org.jboss.logging.Logger;

/**
 * A Hot Rod client listener kept registered on a cache from start-up on: registering takes
 * blocking calls, so it runs on a thread of its own, and is tried again every
 * {@link #RETRY} while Infinispan is away. Once registered, the Hot Rod client moves the listener
 * to another node when its node leaves.
 */
final class ListenerRegistration implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListenerRegistration.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration REREGISTERED_POLL = Duration.ofMillis(200);
    /**
     * How long the Hot Rod client is given to register the listener anew after a failover (it tries
     * at once, then every 5 s while that fails, as while a restarted node is still starting); then
     * this registers it too, again every poll until it holds. Both may then hold: a listener is
     * notified twice, which its users absorb (SSE streams send each sequence once, expiries end
     * through a claim).
     */
    static final Duration CLIENT_REREGISTRATION = Duration.ofSeconds(10);

    private final SessionsCache cache;
    private final Object listener;
    private final ScheduledExecutorService thread;
    private volatile RemoteCache<String, String> registeredOn;

    private ListenerRegistration(SessionsCache cache, Object listener, String name) {
        this.cache = cache;
        this.listener = listener;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers {@code listener} on {@code cache} as soon as Infinispan answers. */
    static ListenerRegistration start(SessionsCache cache, Object listener, String name) {
        ListenerRegistration registration = new ListenerRegistration(cache, listener, name);
        registration.thread.execute(registration::register);
        return registration;
    }

    private void register() {
        try {
            RemoteCache<String, String> json =
                    cache.get().toCompletableFuture().join().plain();
            json.addClientListener(listener);
            registeredOn = json;
        } catch (RuntimeException e) {
            LOG.debugf("Listener %s not registered yet, trying again: %s", listener.getClass(), e);
            thread.schedule(this::register, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the listener is registered. */
    boolean isRegistered() {
        return registeredOn != null;
    }

    /**
     * After the Hot Rod client reported that the listener's node went away: runs {@code back} once
     * the client has registered the listener again, which it tries every few seconds.
     */
    void awaitReregistered(Runnable back) {
        long since = System.nanoTime();
        thread.execute(() -> checkReregistered(back, since));
    }

    private void checkReregistered(Runnable back, long since) {
        RemoteCache<String, String> json = registeredOn;
        boolean registered;
        try {
            // Hot Rod tells which listeners it has registered only through its internal notifier.
            registered = json != null
                    && ((InternalRemoteCache<String, String>) json)
                            .getListenerNotifier()
                            .getListeners(json.getName())
                            .contains(listener);
        } catch (RuntimeException e) {
            registered = false;
        }
        if (!registered && json != null && System.nanoTime() - since > CLIENT_REREGISTRATION.toNanos()) {
            try {
                json.addClientListener(listener);
                registered = true;
                LOG.infof("Listener %s registered again", listener.getClass().getSimpleName());
            } catch (RuntimeException e) {
                LOG.debugf("Listener %s not registered again yet: %s", listener.getClass(), e);
            }
        }
        if (registered) {
            back.run();
        } else {
            thread.schedule(() -> checkReregistered(back, since), REREGISTERED_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        RemoteCache<String, String> json = registeredOn;
        if (json != null) {
            try {
                json.removeClientListener(listener);
            } catch (RuntimeException e) {
                LOG.debugf("Listener %s not removed: %s", listener.getClass(), e);
            }
        }
    }
}
