package dev.sessionstate.store.infinispan;

import java.util.function.Consumer;
import org.infinispan.client.hotrod.annotation.ClientCacheEntryExpired;
import org.infinispan.client.hotrod.annotation.ClientCacheFailover;
import org.infinispan.client.hotrod.annotation.ClientListener;
import org.infinispan.client.hotrod.event.ClientCacheEntryCustomEvent;
import org.infinispan.client.hotrod.event.ClientCacheFailoverEvent;
import org.jboss.logging.Logger;

/**
 * Hears the sessions that Infinispan's expiration removes, with their final documents. Only
 * expiries are asked for (the client subscribes to the kinds it has methods for), so ordinary
 * writes send this replica nothing. Every replica registers one, so each expiry arrives once per
 * replica: {@link EndClaims} picks the one that reports it.
 */
@ClientListener(converterFactoryName = RawEvents.CONVERTER, useRawData = true)
public final class ExpiredSessionsListener {

    private static final Logger LOG = Logger.getLogger(ExpiredSessionsListener.class);

    private final Consumer<String> expired;
    /** Sees to it that the listener is registered again on the node it moves to. */
    private final Runnable failedOver;

    /** @param expired called with the final document of each expired session, on a Hot Rod thread; must not block */
    ExpiredSessionsListener(Consumer<String> expired, Runnable failedOver) {
        this.expired = expired;
        this.failedOver = failedOver;
    }

    @ClientCacheEntryExpired
    public void onExpired(ClientCacheEntryCustomEvent<byte[]> event) {
        RawEvents raw = RawEvents.decode(event.getEventData());
        if (raw.value() == null) {
            // Infinispan may send no value during a rebalance; without the document there is nothing to report.
            LOG.warn("Infinispan reported an expired session without its document; its end event is lost");
            return;
        }
        expired.accept(raw.value());
    }

    @ClientCacheFailover
    public void onFailover(ClientCacheFailoverEvent event) {
        LOG.warn("The expiry listener moved to another Infinispan node; expiries during the move may be missed");
        failedOver.run();
    }
}
