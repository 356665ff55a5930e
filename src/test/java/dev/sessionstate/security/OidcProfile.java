package dev.sessionstate.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Both modes at once: bearer tokens from the WireMock OIDC server of quarkus-test-oidc-server
 * (roles in the token's {@code groups} claim), and the API-key clients of {@link ApiKeyProfile}.
 */
public class OidcProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new java.util.HashMap<>(new ApiKeyProfile().getConfigOverrides());
        config.put("sessions.auth.mode", "api-key,oidc");
        config.put("quarkus.oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/");
        config.put("quarkus.oidc.client-id", "quarkus-service-app");
        return config;
    }
}
