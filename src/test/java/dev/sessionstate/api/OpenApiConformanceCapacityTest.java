package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;

/** The same checks with no room for a session: creating one answers 507, as the document declares. */
@QuarkusTest
@TestProfile(OpenApiConformanceCapacityTest.NoRoom.class)
class OpenApiConformanceCapacityTest extends OpenApiConformanceTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sessions.memory.max-sessions", "0");
        }
    }

    @Override
    List<OperationExchanges.Exchange> exchanges() {
        return OperationExchanges.noCapacity();
    }

    @Override
    boolean drivesEveryOperation() {
        return false;
    }
}
