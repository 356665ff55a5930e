package dev.sessionstate.store.infinispan;

import java.util.function.Consumer;
import org.infinispan.client.hotrod.annotation.ClientCacheEntryCreated;
import org.infinispan.client.hotrod.annotation.ClientCacheFailover;
import org.infinispan.client.hotrod.annotation.ClientListener;
import org.infinispan.client.hotrod.event.ClientCacheEntryCustomEvent;
import org.infinispan.client.hotrod.event.ClientCacheFailoverEvent;

/**
 * Hears every entry created in the event log cache, by any replica, with its document (so no
 * read follows). Only creations are asked for. When the node it listens on goes away, the Hot Rod
 * client says so ({@code failedOver}) and registers it again, on another node or on the same one
 * once it is back; events created meanwhile are not heard.
 */
@ClientListener(converterFactoryName = RawEvents.CONVERTER, useRawData = true)
public final class LogListener {

    private final Consumer<RawEvents> created;
    private final Runnable failedOver;

    /**
     * @param created    called on a Hot Rod thread with each created key and document; must not block
     * @param failedOver called on a Hot Rod thread when the listener's node went away; must not block
     */
    LogListener(Consumer<RawEvents> created, Runnable failedOver) {
        this.created = created;
        this.failedOver = failedOver;
    }

    @ClientCacheFailover
    public void onFailover(ClientCacheFailoverEvent event) {
        failedOver.run();
    }

    @ClientCacheEntryCreated
    public void onCreated(ClientCacheEntryCustomEvent<byte[]> event) {
        created.accept(RawEvents.decode(event.getEventData()));
    }
}
