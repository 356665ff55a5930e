package dev.sessionstate.store.infinispan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.event.impl.ClientListenerNotifier;
import org.infinispan.client.hotrod.impl.InternalRemoteCache;
import org.jboss.logging.Logger;

/**
 * A Hot Rod client listener kept registered on a cache from start-up on: registering takes
 * blocking calls, so it runs on a thread of its own, and is tried again every {@link #RETRY}
 * while Infinispan is away.
 *
 * <p><b>Failover.</b> When the listener's node leaves, the Hot Rod client (16.0) calls its
 * {@code @ClientCacheFailover} method and registers it again under the same id: at once, then every
 * 5 s until that succeeds, with no limit and no way to call it off ({@code removeClientListener}
 * sees only registrations that hold). Merely waiting for that would never register a listener
 * twice, but an attempt that throws rather than fails ends the client's retries for good (the
 * first one's exception escapes, a periodic task that throws is not run again). So after
 * {@link #CLIENT_REREGISTRATION} without the client, this registers the listener itself, every
 * {@link #RETRY} until it holds. The client's attempt may still succeed afterwards, and one object under two ids
 * is notified twice while {@code removeClientListener} removes one id: so each registration here is
 * a new listener object behind a {@link Gate}, and only the newest passes callbacks on. An older one
 * that the client brings back is removed at its first event; {@link #close} removes every one.
 */
final class ListenerRegistration implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListenerRegistration.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration REREGISTERED_POLL = Duration.ofMillis(200);
    /** How long the Hot Rod client is given to register the listener anew after a failover. */
    static final Duration CLIENT_REREGISTRATION = Duration.ofSeconds(10);

    private final SessionsCache cache;
    private final Function<Gate, Object> listeners;
    private final String name;
    private final Duration clientReregistration;
    private final ScheduledExecutorService thread;
    /** Every listener object the client may hold; guarded by this, as is {@link #closed}. */
    private final List<Gate> copies = new ArrayList<>();

    private boolean closed;
    private volatile RemoteCache<String, String> found;
    private volatile boolean registered;
    /** The newest listener object; used by {@link #thread} only. */
    private Gate current;

    private ListenerRegistration(
            SessionsCache cache, Function<Gate, Object> listeners, String name, Duration clientReregistration) {
        this.cache = cache;
        this.listeners = listeners;
        this.name = name;
        this.clientReregistration = clientReregistration;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers a listener made by {@code listeners} on {@code cache} as soon as Infinispan answers.
     * Each listener object must call back only through the gate it is made with.
     */
    static ListenerRegistration start(SessionsCache cache, Function<Gate, Object> listeners, String name) {
        return start(cache, listeners, name, CLIENT_REREGISTRATION);
    }

    static ListenerRegistration start(
            SessionsCache cache, Function<Gate, Object> listeners, String name, Duration clientReregistration) {
        ListenerRegistration registration = new ListenerRegistration(cache, listeners, name, clientReregistration);
        registration.schedule(registration::register, Duration.ZERO);
        return registration;
    }

    private void register() {
        try {
            RemoteCache<String, String> json =
                    cache.get().toCompletableFuture().join().plain();
            found = json;
            add(json);
            registered = true;
        } catch (RuntimeException e) {
            LOG.debugf("Listener %s not registered yet, trying again: %s", name, e);
            schedule(this::register, RETRY);
        }
    }

    /** Whether the listener is registered. */
    boolean isRegistered() {
        return registered;
    }

    /**
     * After the Hot Rod client reported that the listener's node went away: runs {@code back} once
     * the listener is registered again. Does nothing once closed.
     */
    void awaitReregistered(Runnable back) {
        long addAt = System.nanoTime() + clientReregistration.toNanos();
        schedule(() -> checkReregistered(back, addAt), Duration.ZERO);
    }

    /** Polls for the client's registration, and from {@code addAt} on ({@link System#nanoTime}) registers one. */
    private void checkReregistered(Runnable back, long addAt) {
        RemoteCache<String, String> json = found;
        if (holds(json, current)) {
            back.run();
            return;
        }
        long next = addAt;
        if (System.nanoTime() - addAt >= 0) {
            try {
                add(json);
                LOG.infof("Listener %s registered again", name);
                back.run();
                return;
            } catch (RuntimeException e) {
                LOG.debugf("Listener %s not registered again yet: %s", name, e);
                next = System.nanoTime() + RETRY.toNanos();
            }
        }
        long nextAdd = next;
        schedule(() -> checkReregistered(back, nextAdd), REREGISTERED_POLL);
    }

    /**
     * Registers the current listener object again if the client cannot hold it (never registered,
     * no attempt under way), else a new one; the older one is switched off.
     */
    private void add(RemoteCache<String, String> json) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Listener " + name + " closed");
            }
        }
        Gate copy = current != null && current.unheld(json) ? current : newCopy();
        if (current != null && current != copy) {
            current.on = false;
        }
        current = copy;
        json.addClientListener(copy.listener);
        copy.registered = true;
    }

    private Gate newCopy() {
        Gate copy = new Gate();
        copy.listener = listeners.apply(copy);
        synchronized (this) {
            copies.add(copy);
        }
        return copy;
    }

    /** Whether the client holds {@code copy} registered and listening. */
    private static boolean holds(RemoteCache<String, String> json, Gate copy) {
        try {
            // Hot Rod tells which listeners it has registered only through its internal notifier.
            ClientListenerNotifier notifier = notifier(json);
            byte[] id = notifier.findListenerId(copy.listener);
            return id != null && notifier.isListenerConnected(id);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ClientListenerNotifier notifier(RemoteCache<String, String> json) {
        return ((InternalRemoteCache<String, String>) json).getListenerNotifier();
    }

    /** Runs {@code task} on {@link #thread} after {@code delay}, unless closed: never rejected. */
    private synchronized void schedule(Runnable task, Duration delay) {
        if (!closed) {
            thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void remove(Gate copy) {
        RemoteCache<String, String> json = found;
        try {
            if (json != null) {
                json.removeClientListener(copy.listener);
            }
        } catch (RuntimeException e) {
            copy.removing.set(false);
            LOG.debugf("Listener %s not removed: %s", name, e);
        }
    }

    /**
     * Switches every listener object off and removes each that the client holds. One that the
     * client registers after this (a retry under way) stays registered, passing nothing on, until
     * the client stops.
     */
    @Override
    public void close() {
        List<Gate> all;
        synchronized (this) {
            closed = true;
            thread.shutdownNow();
            all = List.copyOf(copies);
        }
        all.forEach(copy -> copy.on = false);
        all.forEach(this::remove);
    }

    /**
     * The switch in front of one listener object's callbacks: they pass while it is the newest of
     * its registration, and not closed. Used from Hot Rod threads.
     */
    final class Gate {
        private volatile boolean on = true;
        private volatile boolean registered;
        private volatile boolean lostNode;
        private final AtomicBoolean removing = new AtomicBoolean();
        private Object listener;

        private Gate() {}

        /** Never registered, so no retry of the client's can bring it back, and no attempt under way. */
        private boolean unheld(RemoteCache<String, String> json) {
            return !registered && !lostNode && notifier(json).findListenerId(listener) == null;
        }

        /** {@code action}, run for each event while the gate is on. */
        <T> Consumer<T> events(Consumer<T> action) {
            return event -> {
                if (on) {
                    action.accept(event);
                } else if (removing.compareAndSet(false, true)) {
                    // The client registered this old object again: nothing of it is wanted.
                    schedule(() -> remove(this), Duration.ZERO);
                }
            };
        }

        /** {@code failedOver}, run when the listener's node went away while the gate is on. */
        Runnable failover(Runnable failedOver) {
            return () -> {
                lostNode = true;
                if (on) {
                    failedOver.run();
                }
            };
        }
    }
}
