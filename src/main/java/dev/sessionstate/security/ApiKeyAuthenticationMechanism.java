package dev.sessionstate.security;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Reads the {@code X-Api-Key} header when {@code sessions.auth.mode} includes {@code api-key}. A
 * request without the header stays anonymous (another mechanism, or {@link SessionAccessPolicy},
 * decides); a key that no client has fails authentication (401).
 */
@Singleton
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String HEADER = "X-Api-Key";
    static final String CHALLENGE = "ApiKey header=\"" + HEADER + "\"";

    private final boolean enabled;

    public ApiKeyAuthenticationMechanism(SessionsConfig config) {
        this.enabled = config.auth().mode().contains(AuthMode.API_KEY);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = enabled ? context.request().getHeader(HEADER) : null;
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(key), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }
}
