package dev.sessionstate.security;

import dev.sessionstate.config.Applications;
import dev.sessionstate.config.SessionsConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Places the caller of a bearer token in the application that the token's
 * {@code sessions.auth.oidc.application-claim} names (a string claim), as the identity attribute
 * {@link Applications#ATTRIBUTE}; a token without that claim belongs to the default application,
 * as an API-key client without an {@code application} does. Identities of API keys are left as
 * they are.
 */
@Singleton
public class TokenApplicationAugmentor implements SecurityIdentityAugmentor {

    private final String claim;

    public TokenApplicationAugmentor(SessionsConfig config) {
        this.claim = config.auth().oidc().applicationClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addAttribute(Applications.ATTRIBUTE, application(token.getClaim(claim)))
                        .build());
    }

    /** The application a claim value names: a non-blank string, else the default application. */
    static String application(Object value) {
        String name = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
        return name == null || name.isBlank() ? Applications.DEFAULT : name;
    }
}
