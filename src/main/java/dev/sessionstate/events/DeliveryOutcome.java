package dev.sessionstate.events;

import java.time.Duration;

/**
 * How one webhook attempt went: delivered (2xx), gone (410: the receiver wants no more), or failed
 * (any other status, a timeout, a refused connection), with the receiver's {@code Retry-After} when
 * it sent one.
 */
record DeliveryOutcome(Kind kind, int status, Duration retryAfter) {

    enum Kind {
        DELIVERED,
        GONE,
        FAILED
    }

    static DeliveryOutcome failed(int status, Duration retryAfter) {
        return new DeliveryOutcome(Kind.FAILED, status, retryAfter);
    }
}
