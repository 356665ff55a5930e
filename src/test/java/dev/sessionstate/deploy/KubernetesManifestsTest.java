package dev.sessionstate.deploy;

import static dev.sessionstate.deploy.Manifests.at;
import static dev.sessionstate.deploy.Manifests.read;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Holds the Kubernetes manifests and the application together: ports, probe paths, environment
 * variables, image name, and the Infinispan overlay's cluster, cache and settings. (CI renders
 * and schema-validates the manifests themselves: .ci/k8s.)
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Map<String, Object> DEPLOYMENT = read("base/deployment.yaml");
    private static final Map<String, Object> CONTAINER = at(DEPLOYMENT, "spec", "template", "spec", "containers", 0);

    @Test
    void containerPortsAreTheServicesHttpAndManagementPorts() throws IOException {
        // As deployed (the prod profile): tests themselves listen on the test ports.
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        int management = Integer.parseInt(properties.getProperty("quarkus.management.port"));
        Map<String, Object> http = at(CONTAINER, "ports", 0);
        assertEquals("http", http.get("name"));
        assertEquals(port, http.get("containerPort"));
        Map<String, Object> managementPort = at(CONTAINER, "ports", 1);
        assertEquals("management", managementPort.get("name"));
        assertEquals(management, managementPort.get("containerPort"));
        assertEquals(
                Integer.toString(management),
                at(DEPLOYMENT, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
        assertEquals("management", at(read("monitoring/servicemonitor.yaml"), "spec", "endpoints", 0, "targetPort"));
        assertTrue(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")).contains("EXPOSE " + port));
    }

    @Test
    void theServiceExposesOnlyTheHttpPortToClients() {
        List<Map<String, Object>> ports = at(read("base/service.yaml"), "spec", "ports");
        assertEquals(
                List.of("http"), ports.stream().map(p -> p.get("targetPort")).toList());
    }

    @Test
    void prometheusAndNoClientMayReachTheManagementPort() {
        List<Map<String, Object>> rules = at(read("base/networkpolicy.yaml"), "spec", "ingress");
        List<String> clientPorts = new ArrayList<>();
        List<String> prometheusPorts = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            Map<String, Object> from = at(rule, "from", 0);
            List<String> ports = ((List<Map<String, Object>>) rule.get("ports"))
                    .stream().map(p -> (String) p.get("port")).toList();
            if (from.toString().contains("session-state.dev/client")) {
                clientPorts.addAll(ports);
            } else if (from.toString().contains("prometheus")) {
                prometheusPorts.addAll(ports);
            }
        }
        assertEquals(List.of("http"), clientPorts);
        assertEquals(List.of("management"), prometheusPorts);
    }

    @Test
    void probePathsAnswer200OnTheManagementPort() {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = at(CONTAINER, probe, "httpGet", "path");
            assertEquals("management", at(CONTAINER, probe, "httpGet", "port"), probe);
            given().port(managementPort()).get(path).then().statusCode(200);
        }
        assertEquals("/q/health/live", at(CONTAINER, "livenessProbe", "httpGet", "path"));
        assertEquals("/q/health/ready", at(CONTAINER, "readinessProbe", "httpGet", "path"));
        String metrics = at(DEPLOYMENT, "spec", "template", "metadata", "annotations", "prometheus.io/path");
        given().port(managementPort()).get(metrics).then().statusCode(200);
        assertEquals(metrics, at(read("monitoring/servicemonitor.yaml"), "spec", "endpoints", 0, "path"));
    }

    @Test
    void apiKeysComeFromAnOptionalSecret() {
        List<Map<String, Object>> sources = at(CONTAINER, "envFrom");
        Map<String, Object> secret = sources.stream()
                .filter(s -> s.containsKey("secretRef"))
                .findFirst()
                .orElseThrow();
        assertEquals("session-state-auth", at(secret, "secretRef", "name"));
        assertEquals(Boolean.TRUE, at(secret, "secretRef", "optional"));
    }

    @Test
    void noSecretIsCommitted() throws IOException {
        List<Path> secrets;
        try (var files = Files.walk(Path.of("k8s"))) {
            secrets = files.filter(Files::isRegularFile)
                    .filter(file -> {
                        try {
                            return Files.readString(file)
                                    .lines()
                                    .anyMatch(line -> line.strip().equals("kind: Secret"));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertEquals(List.of(), secrets, "Secrets are created in the cluster (README), never committed");
    }

    private static int managementPort() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    @Test
    void everyVariableTheManifestsSetIsAConfigurationKey() {
        Set<String> keys = Manifests.configurationKeys();
        assertTrue(
                keys.contains("sessions.store.kind") && keys.contains("quarkus.infinispan-client.hosts"),
                keys.toString());
        List<String> names = new ArrayList<>();
        for (String overlay : List.of("memory", "infinispan")) {
            names.addAll(Manifests.configMap(overlay).keySet());
        }
        names.addAll(Manifests.containerEnvNames("overlays/infinispan/deployment.yaml"));
        for (String name : names) {
            assertNotNull(Manifests.keyOf(name, keys), name + " sets no configuration key of the service");
        }
        // The JVM's own variable, not the service's configuration.
        assertEquals(List.of("JAVA_TOOL_OPTIONS"), Manifests.containerEnvNames("base/deployment.yaml"));
    }

    @Test
    void overlaysSelectTheirStore() {
        assertEquals("memory", Manifests.configMap("memory").get("SESSIONS_STORE_KIND"));
        assertEquals(1, (int) at(read("overlays/memory/deployment.yaml"), "spec", "replicas"));
        assertEquals("infinispan", Manifests.configMap("infinispan").get("SESSIONS_STORE_KIND"));
    }

    /**
     * The collector and the heap are chosen, not left to the JVM, which picks the serial collector
     * on one CPU or under 1792 MB (bench/gc.sh, issue 18); the memory overlay's pod has whole cores.
     */
    @Test
    void theCollectorAndTheHeapAreExplicitEverywhere() throws IOException {
        for (String file : List.of("base/deployment.yaml", "overlays/memory/deployment.yaml")) {
            Map<String, Object> container = at(read(file), "spec", "template", "spec", "containers", 0);
            List<Map<String, Object>> env = at(container, "env");
            String options = env.stream()
                    .filter(variable -> "JAVA_TOOL_OPTIONS".equals(variable.get("name")))
                    .map(variable -> (String) variable.get("value"))
                    .findFirst()
                    .orElse("");
            assertTrue(options.contains("-XX:+UseZGC") && options.contains("-XX:MaxRAMPercentage=75"), file);
        }
        Map<String, Object> resources =
                at(read("overlays/memory/deployment.yaml"), "spec", "template", "spec", "containers", 0, "resources");
        Map<String, Object> requests = at(resources, "requests");
        Map<String, Object> limits = at(resources, "limits");
        assertEquals(requests, limits, "Guaranteed: requests equal limits");
        assertEquals("2", limits.get("cpu"));
        String image = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertTrue(image.contains("\"-XX:MaxRAMPercentage=75\", \"-XX:+UseZGC\""), "the image's entry point");
    }

    @Test
    void infinispanOverlayNamesOneClusterAndTheServicesCache() {
        Map<String, String> config = Manifests.configMap("infinispan");
        Map<String, Object> infinispan = read("overlays/infinispan/infinispan.yaml");
        Map<String, Object> cache = read("overlays/infinispan/cache.yaml");
        String cluster = at(infinispan, "metadata", "name");

        assertEquals("infinispan.org/v1", infinispan.get("apiVersion"));
        assertEquals(3, (int) at(infinispan, "spec", "replicas"));
        assertEquals("DataGrid", at(infinispan, "spec", "service", "type"));
        assertEquals(cluster + ":11222", config.get("QUARKUS_INFINISPAN_CLIENT_HOSTS"));
        assertEquals("infinispan.org/v2alpha1", cache.get("apiVersion"));
        assertEquals(cluster, at(cache, "spec", "clusterName"));
        assertEquals(config.get("SESSIONS_INFINISPAN_CACHE"), at(cache, "spec", "name"));
        String template = at(cache, "spec", "template");
        assertTrue(
                template.contains("mediaType: \"text/plain; charset=UTF-8\"")
                        && template.contains("mediaType: \"application/json\""),
                "the cache stores text keys and JSON values, as the service's own cache does");
        assertTrue(template.contains("owners: 2"));
        // Credentials come from a Secret that is referenced, never committed.
        String secret = at(
                read("overlays/infinispan/deployment.yaml"),
                "spec",
                "template",
                "spec",
                "containers",
                0,
                "env",
                0,
                "valueFrom",
                "secretKeyRef",
                "name");
        assertTrue(Files.notExists(Manifests.K8S.resolve("overlays/infinispan/" + secret + ".yaml")));
    }

    @Test
    void imageIsNamedAlikeEverywhere() throws IOException {
        Map<String, Object> image = at(read("base/kustomization.yaml"), "images", 0);
        assertEquals(CONTAINER.get("image"), image.get("name"));
        String reference = image.get("newName") + ":" + image.get("newTag");
        assertTrue(
                Files.readString(Path.of("src/main/docker/Dockerfile.jvm")).contains("-t " + reference + " "),
                reference);
        assertTrue(Files.readString(Path.of("README.md")).contains(reference), "the README builds " + reference);
    }
}
