package dev.sessionstate.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The services of each application (tenant). Every caller belongs to one application, and every
 * session to the application that created it; the services of an application see only its
 * sessions and apply its rules. Services are made on first use and kept.
 */
public final class ApplicationServices {

    /** The session, item and lease services of one application. */
    public record Services(SessionService sessions, ItemService items, LeaseService leases) {}

    private final Function<String, Services> factory;
    private final ConcurrentMap<String, Services> byApplication = new ConcurrentHashMap<>();

    /** @param factory makes the services of the application it is given */
    public ApplicationServices(Function<String, Services> factory) {
        this.factory = factory;
    }

    /** The services of {@code application}. */
    public Services of(String application) {
        Services services = byApplication.get(application);
        return services != null ? services : byApplication.computeIfAbsent(application, factory);
    }
}
