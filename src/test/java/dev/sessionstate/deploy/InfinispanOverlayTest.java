package dev.sessionstate.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service started with exactly the settings of the Infinispan overlay's ConfigMap runs on the
 * Infinispan store. There is no cluster behind the overlay's host name here, so it starts, reports
 * itself not ready, and answers requests with 503: as a pod does until Infinispan is up.
 */
@QuarkusTest
@TestProfile(InfinispanOverlayTest.OverlaySettings.class)
class InfinispanOverlayTest {

    public static class OverlaySettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(Manifests.configOverrides("infinispan"));
            // What the Deployment adds from the Secret session-state-infinispan-client.
            settings.put("quarkus.infinispan-client.username", "sessions");
            settings.put("quarkus.infinispan-client.password", "secret");
            return settings;
        }
    }

    private static int managementPort() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    @Test
    void overlaySettingsSelectTheInfinispanStore() {
        given().port(managementPort())
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks[0].data.store", equalTo("infinispan"));
        given().post("/sessions").then().statusCode(503);
        given().port(managementPort()).get("/q/health/live").then().statusCode(200);
    }
}
