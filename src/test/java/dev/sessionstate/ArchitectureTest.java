package dev.sessionstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of STYLE.md's layering, read from the imports of the main sources: {@code api ->
 * core <- store/*}, {@code core} free of frameworks, {@code metrics} and {@code health} free of
 * the HTTP layer, {@code events} on {@code core} and {@code config} only. {@code config} is the
 * composition root and may import anything.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/sessionstate");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final String OURS = "dev.sessionstate.";
    private static final List<String> FRAMEWORKS = List.of(
            "io.vertx.",
            "jakarta.",
            "org.infinispan.",
            "io.micrometer.",
            "io.quarkus.",
            "io.smallrye.",
            "com.fasterxml.",
            "org.jboss.",
            "org.eclipse.microprofile.");

    /** For each package, the packages of ours it may import (besides its own). */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "core", List.of(),
            "store.memory", List.of("core"),
            "store.infinispan", List.of("core"),
            "metrics", List.of("core"),
            "health", List.of("core"),
            "events", List.of("core", "config"),
            "api", List.of("core", "config"),
            "security", List.of("api", "config", "core"));

    @Test
    void importsRunOnlyTheWaysTheLayeringAllows() {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> wrong.addAll(violations(packageOf(f), read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aWrongWayImportIsFound() {
        assertEquals(
                List.of("core imports dev.sessionstate.store.memory.InMemorySessionStore"),
                violations(
                        "core",
                        "package dev.sessionstate.core;\nimport "
                                + "dev.sessionstate.store.memory.InMemorySessionStore;\n"));
        assertEquals(
                List.of("core imports io.vertx.core.Vertx"),
                violations("core", "import io.vertx.core.Vertx;\nimport java.time.Instant;\n"));
        assertEquals(
                List.of("metrics imports jakarta.ws.rs.Path"),
                violations("metrics", "import jakarta.ws.rs.Path;\nimport io.micrometer.core.instrument.Timer;\n"));
        assertEquals(
                List.of("store.memory imports dev.sessionstate.store.infinispan.SessionDocuments"),
                violations("store.memory", "import dev.sessionstate.store.infinispan.SessionDocuments;\n"));
        assertEquals(
                List.of("api imports dev.sessionstate.metrics.MeteredSessionStore.x"),
                violations("api", "import static dev.sessionstate.metrics.MeteredSessionStore.x;\n"));
        assertEquals(
                List.of("security imports dev.sessionstate.store.memory.InMemorySessionStore"),
                violations("security", "import dev.sessionstate.store.memory.InMemorySessionStore;\n"));
        assertEquals(
                List.of("events imports dev.sessionstate.store.memory.InMemoryEventLog"),
                violations("events", "import dev.sessionstate.store.memory.InMemoryEventLog;\n"));
        assertTrue(violations("config", "import dev.sessionstate.store.memory.InMemorySessionStore;\n")
                .isEmpty());
    }

    /** What the imports of one source file of {@code pkg} break. */
    static List<String> violations(String pkg, String source) {
        List<String> wrong = new ArrayList<>();
        List<String> allowed = ALLOWED.get(pkg);
        if (allowed == null) {
            return wrong;
        }
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String imported = m.group(1);
            if (imported.startsWith(OURS)) {
                String target = imported.substring(OURS.length());
                boolean ok = target.startsWith(pkg + ".") && Character.isUpperCase(target.charAt(pkg.length() + 1))
                        || allowed.stream()
                                .anyMatch(a -> target.startsWith(a + ".")
                                        && Character.isUpperCase(target.charAt(a.length() + 1)));
                if (!ok) {
                    wrong.add(pkg + " imports " + imported);
                }
            } else if (pkg.equals("core") && FRAMEWORKS.stream().anyMatch(imported::startsWith)) {
                wrong.add(pkg + " imports " + imported);
            } else if ((pkg.equals("metrics") || pkg.equals("health") || pkg.startsWith("store."))
                    && (imported.startsWith("jakarta.ws.") || imported.startsWith("org.jboss.resteasy."))) {
                wrong.add(pkg + " imports " + imported);
            }
        }
        return wrong;
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace('/', '.');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
