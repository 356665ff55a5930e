package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application. */
@QuarkusIntegrationTest
class ObservabilityIT extends ObservabilityTest {}
