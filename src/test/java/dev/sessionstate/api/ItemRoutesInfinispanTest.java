package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link ItemRoutesTest}, on the Infinispan store. */
@QuarkusTest
@TestProfile(InfinispanProfile.class)
class ItemRoutesInfinispanTest extends ItemRoutesTest {}
