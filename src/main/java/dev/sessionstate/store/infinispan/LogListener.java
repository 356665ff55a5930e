package dev.sessionstate.store.infinispan;

import java.util.function.Consumer;
import org.infinispan.client.hotrod.annotation.ClientCacheEntryCreated;
import org.infinispan.client.hotrod.annotation.ClientListener;
import org.infinispan.client.hotrod.event.ClientCacheEntryCustomEvent;

/**
 * Hears every entry created in the event log cache, by any replica, with its document (so no
 * read follows). Only creations are asked for.
 */
@ClientListener(converterFactoryName = RawEvents.CONVERTER, useRawData = true)
public final class LogListener {

    private final Consumer<RawEvents> created;

    /** @param created called on a Hot Rod thread with each created key and document; must not block */
    LogListener(Consumer<RawEvents> created) {
        this.created = created;
    }

    @ClientCacheEntryCreated
    public void onCreated(ClientCacheEntryCustomEvent<byte[]> event) {
        created.accept(RawEvents.decode(event.getEventData()));
    }
}
