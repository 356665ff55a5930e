package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application. */
@QuarkusIntegrationTest
class OpenApiConformanceIT extends OpenApiConformanceTest {}
