package dev.sessionstate.events;

import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.core.EventLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The webhook dispatchers of this replica, one per configured endpoint, each on its own rounds so
 * that a receiver that keeps failing delays no other endpoint and no request. A round starts when
 * the log hears of a new event, and every {@code poll} anyway: to renew leases, take over those of
 * a replica gone, and retry events that are due.
 */
public final class WebhookDispatchers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatchers.class);

    private final List<WebhookDispatcher> dispatchers;
    private final HttpClient client;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "webhook-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private final AutoCloseable listening;

    /** What delivery needs beyond the endpoints: timings, the back-off schedule and the replica's clock. */
    public record Timing(Duration timeout, Duration lease, Duration poll, RetrySchedule schedule) {}

    /** With no endpoint (or events off), nothing runs and the log is not asked for. */
    public WebhookDispatchers(
            List<WebhookEndpoint> endpoints,
            Supplier<EventLog> logs,
            DeliveryState state,
            Timing timing,
            Vertx vertx,
            InstantSource clock,
            MeterRegistry registry) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timing.timeout().toMillis())
                .setMaxPoolSize(4 * Math.max(1, endpoints.size())));
        WebhookSender sender = new WebhookSender(client, timing.timeout(), clock);
        DeliveryMetrics metrics = new DeliveryMetrics(registry);
        endpoints.forEach(endpoint -> metrics.register(endpoint.name()));
        WebhookDispatcher.Settings settings = new WebhookDispatcher.Settings(
                UUID.randomUUID().toString(),
                timing.lease(),
                timing.schedule(),
                clock,
                executor,
                () -> ThreadLocalRandom.current().nextDouble());
        EventLog log = endpoints.isEmpty() ? null : logs.get();
        this.dispatchers = endpoints.stream()
                .map(endpoint -> new WebhookDispatcher(endpoint, log, state, sender, settings, metrics))
                .toList();
        if (endpoints.isEmpty()) {
            this.listening = () -> {};
            return;
        }
        this.listening = log.listen(event -> wakeAll());
        long poll = timing.poll().toMillis();
        executor.scheduleWithFixedDelay(this::wakeAll, 0, poll, TimeUnit.MILLISECONDS);
        LOG.infof("Webhook delivery to %d endpoint(s)", endpoints.size());
    }

    private void wakeAll() {
        dispatchers.forEach(WebhookDispatcher::wake);
    }

    /** Stops the rounds and gives up this replica's leases, so that another replica takes over at once. */
    @Override
    public void close() {
        try {
            listening.close();
        } catch (Exception e) {
            LOG.debug("Closing the webhook listener failed", e);
        }
        executor.shutdownNow();
        CompletableFuture<?>[] released = dispatchers.stream()
                .map(dispatcher -> dispatcher.release().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(released).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("Releasing the webhook leases failed", e);
        }
        client.close();
    }
}
