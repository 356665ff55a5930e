package dev.sessionstate.security;

import dev.sessionstate.api.InfinispanProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ApiKeyProfile}'s clients, on the Infinispan store of {@link InfinispanProfile}. */
public class ApiKeyInfinispanProfile extends ApiKeyProfile {

    private final InfinispanProfile infinispan = new InfinispanProfile();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.putAll(infinispan.getConfigOverrides());
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return infinispan.testResources();
    }
}
