package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged service on its default, the memory store, starts and serves without a warning,
 * and its log shows nothing of Infinispan: no connection attempt, no client, no health check.
 */
@QuarkusIntegrationTest
class QuietStartIT {

    @Test
    void logHasNoWarningsAndNoInfinispan() throws IOException {
        createSession();

        List<String> lines = Files.readAllLines(Path.of("target", "quarkus.log"));
        assertFalse(lines.isEmpty(), "the packaged service writes target/quarkus.log");
        assertEquals(
                List.of(),
                lines.stream()
                        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .toList());
        assertEquals(
                List.of(),
                lines.stream()
                        .filter(line ->
                                line.contains("[org.infinispan") || line.contains("[or.in") || line.contains("ISPN"))
                        .toList());
    }
}
