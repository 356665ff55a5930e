package dev.sessionstate.security;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start with an authentication set-up that would not do what it says, and says at
 * start how callers are authenticated (once, at INFO: with {@code none} every caller may do
 * anything, which is the intended default on a developer's machine, not a fault).
 */
@Singleton
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class);
    private static final String OIDC_ENABLED = "quarkus.oidc.tenant-enabled";

    void check(@Observes StartupEvent start, SessionsConfig config, ApiKeyIdentityProvider keys, Config all) {
        Set<AuthMode> modes = config.auth().mode();
        String wrong = mistake(
                modes,
                keys.hasKeys(),
                all.getOptionalValue(OIDC_ENABLED, Boolean.class).orElse(true));
        if (wrong != null) {
            throw new IllegalStateException(wrong);
        }
        if (modes.contains(AuthMode.NONE)) {
            LOG.info("Authentication is off (sessions.auth.mode=none): every caller may do anything");
        } else {
            LOG.infof(
                    "Authentication: %s; %d API-key client(s)",
                    String.join(
                            ",",
                            modes.stream()
                                    .map(m -> m.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                    .sorted()
                                    .toList()),
                    config.auth().apiKeys().size());
        }
    }

    /** What is wrong with this set-up, or null. */
    static String mistake(Set<AuthMode> modes, boolean hasKeys, boolean oidcEnabled) {
        if (modes.contains(AuthMode.NONE) && modes.size() > 1) {
            return "sessions.auth.mode: none cannot be combined with another mode";
        }
        if (modes.contains(AuthMode.API_KEY) && !hasKeys) {
            return "sessions.auth.mode includes api-key, but no sessions.auth.api-keys.<client>.sha256 is set";
        }
        if (modes.contains(AuthMode.OIDC) != oidcEnabled) {
            return "sessions.auth.mode " + (oidcEnabled ? "does not include" : "includes") + " oidc, so set "
                    + OIDC_ENABLED + "=" + !oidcEnabled;
        }
        return null;
    }
}
