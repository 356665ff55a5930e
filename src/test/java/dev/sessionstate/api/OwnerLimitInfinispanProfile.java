package dev.sessionstate.api;

import java.util.HashMap;
import java.util.Map;

/** {@link OwnerLimitProfile} on the Infinispan store. */
public class OwnerLimitInfinispanProfile extends InfinispanProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.putAll(new OwnerLimitProfile().getConfigOverrides());
        return config;
    }
}
