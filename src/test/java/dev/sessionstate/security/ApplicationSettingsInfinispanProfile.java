package dev.sessionstate.security;

import dev.sessionstate.api.InfinispanProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ApplicationSettingsProfile} on the Infinispan store, in a cache of its own. */
public class ApplicationSettingsInfinispanProfile extends ApplicationSettingsProfile {

    private final InfinispanProfile infinispan = new InfinispanProfile();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.putAll(infinispan.getConfigOverrides());
        config.put("sessions.infinispan.cache", "application-settings-sessions");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return infinispan.testResources();
    }
}
