package dev.sessionstate.events;

import dev.sessionstate.core.LoggedEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Makes one webhook attempt: POSTs the event as CloudEvents JSON, signed (Standard Webhooks
 * headers), and tells how it went. Never fails: a timeout or a connection error is a failed
 * outcome. Redirects are not followed (a 3xx is a failure, as the specification advises).
 */
final class WebhookSender {

    /** Longest {@code Retry-After} taken as given. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final HttpClient client;
    private final Duration timeout;
    private final InstantSource clock;

    WebhookSender(HttpClient client, Duration timeout, InstantSource clock) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    CompletionStage<DeliveryOutcome> send(WebhookEndpoint endpoint, LoggedEvent event) {
        String body = CloudEventJson.of(event);
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint.url().toString())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", CloudEventJson.MEDIA_TYPE)
                .putHeader("webhook-id", event.id())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", endpoint.signer().sign(event.id(), timestamp, body));
        Future<DeliveryOutcome> attempt = client.request(request)
                .compose(sent -> sent.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> outcome(response)));
        return attempt.toCompletionStage()
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> DeliveryOutcome.failed(0, null));
    }

    private DeliveryOutcome outcome(HttpClientResponse response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome(DeliveryOutcome.Kind.DELIVERED, status, null);
        }
        if (status == 410) {
            return new DeliveryOutcome(DeliveryOutcome.Kind.GONE, status, null);
        }
        return DeliveryOutcome.failed(status, retryAfter(response.getHeader("retry-after")));
    }

    /** A {@code Retry-After} of delay-seconds or an HTTP date, as a delay from now; null when absent or malformed. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration delay;
        try {
            delay = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                delay = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : delay;
    }
}
