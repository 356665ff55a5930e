package dev.sessionstate.api;

import java.util.HashMap;
import java.util.Map;

/** {@link OwnerEvictionProfile} on the Infinispan store. */
public class OwnerEvictionInfinispanProfile extends InfinispanProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.putAll(new OwnerEvictionProfile().getConfigOverrides());
        return config;
    }
}
