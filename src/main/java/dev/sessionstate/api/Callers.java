package dev.sessionstate.api;

import dev.sessionstate.config.Applications;
import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import dev.sessionstate.core.ApplicationServices;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The services of the application that the caller belongs to: the one named by its security
 * identity (its API key's configuration or its token), or the default application when
 * authentication is off. A request never sees another application's sessions.
 */
@Singleton
public class Callers {

    private final ApplicationServices applications;
    private final CurrentVertxRequest current;
    private final boolean oneApplication;
    /** The default application's services, which every request uses when authentication is off. */
    private volatile ApplicationServices.Services defaults;

    public Callers(ApplicationServices applications, CurrentVertxRequest current, SessionsConfig config) {
        this.applications = applications;
        this.current = current;
        this.oneApplication = config.auth().mode().contains(AuthMode.NONE);
    }

    /** The services of the caller of the REST request being answered. */
    public ApplicationServices.Services services() {
        return services(current.getCurrent());
    }

    /** The services of the caller of {@code request}. */
    public ApplicationServices.Services services(RoutingContext request) {
        if (oneApplication) {
            ApplicationServices.Services services = defaults;
            if (services == null) {
                services = applications.of(Applications.DEFAULT);
                defaults = services;
            }
            return services;
        }
        return applications.of(application(request));
    }

    /** The caller's application. */
    public String application(RoutingContext request) {
        if (oneApplication) {
            return Applications.DEFAULT;
        }
        return request.user() instanceof QuarkusHttpUser user
                ? application(user.getSecurityIdentity())
                : Applications.DEFAULT;
    }

    private static String application(SecurityIdentity identity) {
        return identity.getAttribute(Applications.ATTRIBUTE) instanceof String name ? name : Applications.DEFAULT;
    }
}
