package dev.sessionstate.deploy;

import dev.sessionstate.config.SessionsConfig;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** Reads the Kubernetes manifests in {@code k8s/} as the consistency tests need them. */
final class Manifests {

    static final Path K8S = Path.of("k8s");

    private Manifests() {}

    /** The first YAML document of {@code k8s/<file>}, as nested maps and lists. */
    static Map<String, Object> read(String file) {
        try (InputStream in = Files.newInputStream(K8S.resolve(file))) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows {@code path} (map keys, or list indexes as numbers) into a parsed document. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer index
                    ? ((List<Object>) current).get(index)
                    : ((Map<String, Object>) current).get(step);
            if (current == null) {
                throw new AssertionError("nothing at " + java.util.Arrays.toString(path));
            }
        }
        return (T) current;
    }

    /**
     * The environment of the service in an overlay: the ConfigMap literals of the base, merged
     * with the overlay's, in order.
     */
    static Map<String, String> configMap(String overlay) {
        Map<String, String> values = new LinkedHashMap<>(literals("base/kustomization.yaml"));
        values.putAll(literals("overlays/" + overlay + "/kustomization.yaml"));
        return values;
    }

    /** The names of the variables that a Deployment (or a patch of one) sets from Secrets or values. */
    static List<String> containerEnvNames(String file) {
        List<String> names = new ArrayList<>();
        List<Map<String, Object>> containers = at(read(file), "spec", "template", "spec", "containers");
        for (Map<String, Object> container : containers) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> env = (List<Map<String, Object>>) container.getOrDefault("env", List.of());
            env.forEach(variable -> names.add((String) variable.get("name")));
        }
        return names;
    }

    private static Map<String, String> literals(String kustomization) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Map<String, Object>> generators = at(read(kustomization), "configMapGenerator");
        for (Map<String, Object> generator : generators) {
            @SuppressWarnings("unchecked")
            List<String> literals = (List<String>) generator.get("literals");
            for (String literal : literals) {
                int eq = literal.indexOf('=');
                values.put(literal.substring(0, eq), literal.substring(eq + 1));
            }
        }
        return values;
    }

    /**
     * Every configuration key the service reads: the {@code sessions.*} keys of
     * {@link SessionsConfig}, and the keys of every Quarkus extension on the class path (from
     * their configuration metadata). Map keys are given as their {@code *} pattern.
     */
    static Set<String> configurationKeys() {
        Set<String> keys = new TreeSet<>(
                ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(SessionsConfig.class, "sessions"))
                        .keySet());
        Pattern property = Pattern.compile("\"property\"\\s*:\\s*\"([^\"]+)\"");
        try {
            Enumeration<URL> models = Thread.currentThread()
                    .getContextClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            for (URL model : Collections.list(models)) {
                try (InputStream in = model.openStream()) {
                    Matcher m =
                            property.matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** The environment variable that sets {@code key}, by MicroProfile Config's rule. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The configuration key, among {@code keys}, that environment variable {@code name} sets; null when none. */
    static String keyOf(String name, Set<String> keys) {
        for (String key : keys) {
            if (!key.contains("\"") && !key.contains("*") && envName(key).equals(name)) {
                return key;
            }
        }
        return null;
    }

    /** The configuration overrides that an overlay's ConfigMap amounts to. */
    static Map<String, String> configOverrides(String overlay) {
        Set<String> keys = configurationKeys();
        Map<String, String> overrides = new LinkedHashMap<>();
        configMap(overlay).forEach((name, value) -> overrides.put(keyOf(name, keys), value));
        return overrides;
    }
}
