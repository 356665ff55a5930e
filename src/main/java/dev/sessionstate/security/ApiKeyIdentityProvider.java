package dev.sessionstate.security;

import dev.sessionstate.config.Applications;
import dev.sessionstate.config.SessionsConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Turns an API key into the identity of the client it belongs to: its name, roles and application. */
@Singleton
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** The identity attribute that names the caller's application. */
    public static final String APPLICATION = Applications.ATTRIBUTE;

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(SessionsConfig config) {
        this.keys = new ApiKeys(config.auth().apiKeys());
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    /** Hashing one key is cheap, so this answers on the calling thread. */
    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return keys.find(request.key())
                .map(client -> Uni.createFrom()
                        .<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                                .setPrincipal(new QuarkusPrincipal(client.name()))
                                .addRoles(client.roles())
                                .addAttribute(APPLICATION, client.application())
                                .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
    }

    boolean hasKeys() {
        return !keys.isEmpty();
    }
}
